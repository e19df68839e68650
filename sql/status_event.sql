-- Status changes: one row per status change, recorded or inferred, each with the status it leaves
-- the registration in, so the status on any date is the last event on or before it. Recorded
-- changes come from the change logs (the same change exported twice counts once). Inferred ones:
-- a snapshot showing another status than the one in effect before it at that school (the earlier
-- snapshot's, or the last change recorded since), with no record of the change (dated at the
-- snapshot), and the start of every stay no record began (registration.start_change).
WITH changes AS (
    SELECT * FROM person_change_row()
),

roster AS (
    SELECT * FROM person_roster_row()
),

recorded AS (
    SELECT
        c.student_no, c.school_code, c.event_type, c.change_date AS event_date, c.filed_date,
        k.status_after AS status, false AS is_inferred, c.file_id, c.line_no
    FROM changes AS c
    JOIN change_code AS k ON k.key = c.event_type
    QUALIFY row_number() OVER (
        PARTITION BY c.student_no, c.school_code, c.event_type, c.change_date
        ORDER BY c.filed_date NULLS LAST, c.file_id, c.line_no) = 1
),

status_changes AS (
    SELECT
        r.student_no, r.school_code, r.snapshot_date, r.status, r.file_id, r.line_no,
        lag(r.status) OVER same_school AS previous_status,
        lag(r.snapshot_date) OVER same_school AS previous_date
    FROM roster AS r
    WINDOW same_school AS (PARTITION BY r.student_no, r.school_code ORDER BY r.snapshot_date)
),

known_before AS (
    SELECT c.*, coalesce((
        SELECT arg_max(e.status, e.event_date) FROM recorded AS e
        WHERE e.student_no = c.student_no AND e.school_code = c.school_code
            AND e.event_date > c.previous_date AND e.event_date < c.snapshot_date
    ), c.previous_status) AS status_before
    FROM status_changes AS c
    WHERE c.previous_date IS NOT NULL
),

inferred_changes AS (
    SELECT
        k.student_no, k.school_code, change_between(k.status_before, k.status) AS event_type,
        k.snapshot_date AS event_date, NULL::DATE AS filed_date, k.status, true AS is_inferred,
        k.file_id, k.line_no, k.previous_date
    FROM known_before AS k
    WHERE change_between(k.status_before, k.status) IS NOT NULL
),

inferred AS (
    SELECT * EXCLUDE (previous_date) FROM inferred_changes AS i
    WHERE NOT EXISTS (
        SELECT 1 FROM recorded AS e
        WHERE e.student_no = i.student_no AND e.event_type = i.event_type
            AND e.event_date > i.previous_date AND e.event_date <= i.event_date)
),

stay_starts AS (
    SELECT
        g.student_no, g.school_code, g.start_change AS event_type, g.start_date AS event_date,
        NULL::DATE AS filed_date, r.status, true AS is_inferred, r.file_id, r.line_no
    FROM registration AS g
    JOIN roster AS r USING (student_no, school_code)
    WHERE g.start_inferred AND r.snapshot_date = g.start_date
        AND NOT EXISTS (
            SELECT 1 FROM inferred AS i
            WHERE i.student_no = g.student_no AND i.school_code = g.school_code
                AND i.event_date = g.start_date)
    QUALIFY row_number() OVER (
        PARTITION BY g.student_no, g.school_code, g.start_date ORDER BY r.file_id, r.line_no) = 1
),

-- A stay in a stage's last grade (9, 12) that ended with the person still registered, no change
-- recorded, while the school's rosters of the next school year no longer list them and no later
-- stay in the same stage exists: the person graduated (many systems export 毕业 in no change log). Dated 1 July of that school year, the
-- usual graduation, or the day after the last snapshot if that is later.
stay_graduations AS (
    SELECT
        g.student_no, g.school_code, 'graduation' AS event_type,
        greatest(make_date(school_year_of(g.end_date) + 1, 7, 1), g.end_date + 1) AS event_date,
        NULL::DATE AS filed_date, 'graduated' AS status, true AS is_inferred, r.file_id, r.line_no
    FROM registration AS g
    JOIN status_code AS c ON c.key = g.end_status AND c.registered
    JOIN roster AS r ON r.student_no = g.student_no AND r.school_code = g.school_code
        AND r.snapshot_date = g.end_date
    WHERE ((g.stage = 'junior' AND g.last_grade = 9) OR (g.stage = 'senior' AND g.last_grade = 12))
        AND EXISTS (
            SELECT 1 FROM roster_row AS later
            WHERE later.school_code = g.school_code
                AND school_year_of(later.snapshot_date) = school_year_of(g.end_date) + 1)
        AND NOT EXISTS (
            SELECT 1 FROM registration AS next
            WHERE next.student_no = g.student_no AND next.stage = g.stage
                AND next.start_date > g.end_date)
    QUALIFY row_number() OVER (
        PARTITION BY g.student_no, g.school_code, g.end_date ORDER BY r.file_id, r.line_no) = 1
),

events AS (
    SELECT * FROM recorded
    UNION ALL
    SELECT * FROM inferred
    UNION ALL
    SELECT * FROM stay_starts
    UNION ALL
    SELECT * FROM stay_graduations
)

SELECT
    md5(concat_ws('|', student_no, school_code, event_type, event_date, is_inferred))[1:16]
        AS event_id,
    *
FROM events
ORDER BY student_no, event_date, event_id
