-- Data-quality findings about a person's history (rules.md §4.3), one row per finding: an age more
-- than $age_tolerance years off the usual one for the grade (once per person and school), a 转出
-- or 转入 nothing pairs within $pair_days, a 休学 longer than $suspension_years (info while one
-- extension of as long could cover it, else warning), and a timeline gap: a snapshot of the
-- person's school that leaves them out between two registered sightings, with no change record
-- and no quarantined row of theirs to explain it. `detail` carries the dates and sources.
WITH roster AS (
    SELECT * FROM person_roster_row()
),

data_span AS (
    SELECT min(d) AS first_day, max(d) AS last_day FROM (
        SELECT snapshot_date AS d FROM roster_row UNION ALL SELECT change_date FROM change_row)
),

ages AS (
    SELECT r.*, p.birth_date AS born,
        make_date(school_year_of(r.snapshot_date) - r.grade - 6, 9, 1) AS usual_from,
        make_date(school_year_of(r.snapshot_date) - r.grade - 5, 8, 31) AS usual_to
    FROM roster AS r
    JOIN person AS p USING (student_no)
    WHERE r.grade IS NOT NULL AND p.birth_date IS NOT NULL
),

implausible AS (
    SELECT 'implausible_age_for_grade' AS finding, 'warning' AS severity, student_no, school_code,
        file_id, line_no, json_object('grade', grade, 'snapshot_date', snapshot_date,
            'birth_date', born, 'usual_birth_dates', [usual_from, usual_to],
            'tolerance_years', $age_tolerance) AS facts
    FROM ages
    WHERE born < usual_from - to_years(CAST($age_tolerance AS INTEGER))
        OR born > usual_to + to_years(CAST($age_tolerance AS INTEGER))
    QUALIFY row_number() OVER (
        PARTITION BY student_no, school_code ORDER BY snapshot_date, file_id, line_no) = 1
),

unpaired AS (
    SELECT 'transfer_unpaired' AS finding, 'warning' AS severity, e.student_no, e.school_code,
        e.file_id, e.line_no, json_object('change', e.event_type, 'date', e.event_date,
            'counterpart_school_code', CASE WHEN t.out_event_id IS NULL
                THEN t.from_school_code ELSE t.to_school_code END,
            'pair_days', $pair_days) AS facts
    FROM transfer AS t
    JOIN status_event AS e ON e.event_id = coalesce(t.out_event_id, t.in_event_id)
    CROSS JOIN data_span AS s
    LEFT JOIN school AS c ON c.school_code = CASE WHEN t.out_event_id IS NULL
        THEN t.from_school_code ELSE t.to_school_code END
    WHERE NOT t.is_inferred AND (t.out_event_id IS NULL OR t.in_event_id IS NULL)
        AND (c.school_code IS NOT NULL OR CASE WHEN t.out_event_id IS NULL
            THEN t.from_school_code ELSE t.to_school_code END IS NULL)
        AND e.event_date - to_days(CAST($pair_days AS INTEGER)) >= s.first_day
        AND e.event_date + to_days(CAST($pair_days AS INTEGER)) <= s.last_day
),

suspensions AS (
    SELECT e.student_no, e.school_code, e.event_date AS suspended_on, e.file_id, e.line_no,
        (SELECT min(d) FROM (
            SELECT x.event_date AS d FROM status_event AS x
            WHERE x.student_no = e.student_no AND x.school_code = e.school_code
                AND x.event_date > e.event_date AND x.status IS DISTINCT FROM 'suspended'
            UNION ALL
            SELECT r.snapshot_date FROM roster AS r
            WHERE r.student_no = e.student_no AND r.school_code = e.school_code
                AND r.snapshot_date > e.event_date AND r.status <> 'suspended')) AS ended_on,
        (SELECT max(r.snapshot_date) FROM roster AS r
         WHERE r.student_no = e.student_no AND r.school_code = e.school_code
            AND r.snapshot_date >= e.event_date AND r.status = 'suspended') AS last_seen_suspended
    FROM status_event AS e
    WHERE e.event_type = 'suspend'
),

overdue AS (
    SELECT 'suspension_overdue' AS finding,
        CASE WHEN held_until > suspended_on + to_years(CAST($suspension_years AS INTEGER)
            * (1 + CAST($suspension_extensions AS INTEGER))) THEN 'warning' ELSE 'info' END AS severity,
        student_no, school_code, file_id, line_no,
        json_object('suspended_on', suspended_on, 'ended_on', ended_on,
            'still_suspended_on', CASE WHEN ended_on IS NULL THEN held_until END,
            'days', datediff('day', suspended_on, held_until),
            'limit_years', $suspension_years, 'extensions', $suspension_extensions) AS facts
    FROM (SELECT *, coalesce(ended_on, last_seen_suspended) AS held_until FROM suspensions)
    WHERE held_until > suspended_on + to_years(CAST($suspension_years AS INTEGER))
),

registered AS (
    SELECT r.*, lead(r.snapshot_date) OVER person_dates AS next_date,
        lead(r.school_code) OVER person_dates AS next_school,
        lead(r.file_id) OVER person_dates AS next_file_id,
        lead(r.line_no) OVER person_dates AS next_line_no
    FROM roster AS r
    JOIN status_code AS c ON c.key = r.status AND c.registered
    WINDOW person_dates AS (PARTITION BY r.student_no ORDER BY r.snapshot_date, r.school_code)
),

missing AS (
    SELECT g.*, d.snapshot_date AS missing_date
    FROM registered AS g
    JOIN (SELECT DISTINCT school_code, snapshot_date FROM roster_row) AS d
        ON d.school_code = g.school_code
        AND d.snapshot_date > g.snapshot_date AND d.snapshot_date < g.next_date
    WHERE NOT EXISTS (
            SELECT 1 FROM roster AS r
            WHERE r.student_no = g.student_no AND r.snapshot_date = d.snapshot_date)
        AND NOT EXISTS (
            SELECT 1 FROM status_event AS e
            WHERE e.student_no = g.student_no AND NOT e.is_inferred
                AND e.event_date > g.snapshot_date AND e.event_date <= d.snapshot_date
                AND e.status NOT IN (SELECT key FROM status_code WHERE registered))
        AND NOT EXISTS (
            SELECT 1 FROM quarantine AS q
            JOIN ingest_file AS f ON f.file_id = q.file_id
                AND f.school_code = d.school_code AND f.snapshot_date = d.snapshot_date
            JOIN person_alias AS a ON a.student_no = g.student_no AND contains(q.raw, a.alias_no))
),

gaps AS (
    SELECT 'timeline_gap' AS finding, 'warning' AS severity, m.student_no, m.school_code,
        m.file_id, m.line_no, json_object('last_seen', m.snapshot_date,
            'missing_snapshots', list(m.missing_date ORDER BY m.missing_date),
            'seen_again', json_object('date', m.next_date, 'school_code', m.next_school,
                'file', any_value(f.path), 'line', m.next_line_no)) AS facts
    FROM missing AS m
    LEFT JOIN ingest_file AS f ON f.file_id = m.next_file_id
    GROUP BY m.student_no, m.school_code, m.file_id, m.line_no, m.snapshot_date, m.next_date,
        m.next_school, m.next_line_no
),

findings AS (
    SELECT * FROM implausible
    UNION ALL SELECT * FROM unpaired
    UNION ALL SELECT * FROM overdue
    UNION ALL SELECT * FROM gaps
)

SELECT
    f.school_code, f.student_no, f.finding, f.severity, f.file_id, f.line_no,
    json_merge_patch(f.facts, json_object('source', json_object('file', i.path,
        'line', f.line_no)))::VARCHAR AS detail
FROM findings AS f
LEFT JOIN ingest_file AS i USING (file_id)
ORDER BY f.school_code, f.student_no, f.finding, f.line_no
