-- Status changes: one row per status change, recorded or inferred. Recorded changes come from the
-- change logs (the same change exported twice counts once). Where two snapshots of a person at
-- one school show different statuses and no record explains it, the change is inferred, dated
-- at the later snapshot, so the timeline has no silent jumps.
WITH recorded AS (
    SELECT
        student_no, school_code, event_type, change_date AS event_date, filed_date,
        false AS is_inferred, file_id, line_no
    FROM change_row
    QUALIFY row_number() OVER (
        PARTITION BY student_no, school_code, event_type, change_date
        ORDER BY filed_date NULLS LAST, file_id, line_no) = 1
),

status_changes AS (
    SELECT
        r.student_no, r.school_code, r.snapshot_date, r.status, r.file_id, r.line_no,
        lag(r.status) OVER w AS previous_status,
        lag(r.snapshot_date) OVER w AS previous_date
    FROM roster_row AS r
    WINDOW w AS (PARTITION BY r.student_no, r.school_code ORDER BY r.snapshot_date)
),

inferred_types AS (
    SELECT *, CASE
        WHEN status = 'suspended' THEN 'suspend'
        WHEN status IN ('studying', 'resumed') AND previous_status = 'suspended' THEN 'resume'
        WHEN status IN ('studying', 'resumed') AND previous_status = 'admission_held' THEN 'admission_restored'
        WHEN status IN ('studying', 'resumed') AND previous_status IN ('withdrawn', 'cancelled', 'expelled', 'dropped_out') THEN 'reinstate'
        WHEN status = 'withdrawn' THEN 'withdraw'
        WHEN status = 'cancelled' THEN 'cancel'
        WHEN status = 'expelled' THEN 'expel'
        WHEN status = 'deceased' THEN 'death'
        WHEN status = 'graduated' THEN 'graduation'
        WHEN status = 'completed' THEN 'completion'
        WHEN status = 'incomplete' THEN 'incomplete'
        WHEN status = 'transferred_out' THEN 'transfer_out'
        WHEN status = 'admission_held' THEN 'admission_held'
    END AS event_type
    FROM status_changes
    WHERE previous_status IS NOT NULL AND status <> previous_status
),

inferred AS (
    SELECT
        i.student_no, i.school_code, i.event_type, i.snapshot_date AS event_date,
        NULL::DATE AS filed_date, true AS is_inferred, i.file_id, i.line_no
    FROM inferred_types AS i
    WHERE i.event_type IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM recorded AS e
        WHERE e.student_no = i.student_no AND e.event_type = i.event_type
            AND e.event_date > i.previous_date AND e.event_date <= i.snapshot_date)
),

events AS (
    SELECT * FROM recorded
    UNION ALL
    SELECT * FROM inferred
)

SELECT
    md5(concat_ws('|', student_no, school_code, event_type, event_date, is_inferred))[1:16]
        AS event_id,
    *
FROM events
ORDER BY student_no, event_date, event_id
