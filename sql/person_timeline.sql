-- One person's timeline for `xueji person`: one row per dated fact about the person $student_no
-- (every roster row listing them, every change recorded or inferred, the filing of each recorded
-- change, every move between schools), each with its source file and line, in date order.
WITH files AS (
    SELECT file_id, path FROM ingest_file
),

sightings AS (
    SELECT
        r.snapshot_date AS date, 'snapshot' AS kind, r.school_code, NULL AS change, r.status,
        json_object('grade', r.grade, 'presence', r.presence, 'listed_no', r.listed_no,
            'student_no', r.student_no,
            'name', r.name) AS facts,
        r.file_id, r.line_no
    FROM person_roster_row() AS r
    WHERE r.student_no = $student_no
),

changes AS (
    SELECT
        e.event_date, CASE WHEN e.is_inferred THEN 'inferred' ELSE 'change' END, e.school_code,
        e.event_type, e.status,
        json_object('filed_date', e.filed_date, 'from_school_code', c.from_school_code,
            'to_school_code', c.to_school_code, 'reason', c.change_reason,
            'approval_no', c.approval_no) AS facts,
        e.file_id, e.line_no
    FROM status_event AS e
    LEFT JOIN change_row AS c USING (file_id, line_no)
    WHERE e.student_no = $student_no
),

filings AS (
    SELECT
        e.filed_date, 'filed', e.school_code, e.event_type, e.status,
        json_object('change_date', e.event_date), e.file_id, e.line_no
    FROM status_event AS e
    WHERE e.student_no = $student_no AND e.filed_date IS NOT NULL AND NOT e.is_inferred
),

moves AS (
    SELECT
        t.transfer_date, 'transfer', t.to_school_code, NULL, NULL,
        json_object('from_school_code', t.from_school_code, 'to_school_code', t.to_school_code,
            'scope', t.scope, 'inferred', t.is_inferred,
            'paired', t.out_event_id IS NOT NULL AND t.in_event_id IS NOT NULL),
        coalesce(e.file_id, i.file_id), coalesce(e.line_no, i.line_no)
    FROM transfer AS t
    LEFT JOIN status_event AS e ON e.event_id = coalesce(t.in_event_id, t.out_event_id)
    LEFT JOIN status_event AS i ON t.is_inferred AND i.student_no = t.student_no
        AND i.school_code = t.to_school_code AND i.event_date = t.transfer_date
        AND i.event_type = 'transfer_in'
    WHERE t.student_no = $student_no
),

timeline AS (
    SELECT * FROM sightings
    UNION ALL SELECT * FROM changes
    UNION ALL SELECT * FROM filings
    UNION ALL SELECT * FROM moves
)

SELECT
    t.date, t.kind, t.school_code, s.school_name, t.change, t.status, t.facts::VARCHAR AS facts,
    f.path AS file, t.line_no AS line
FROM timeline AS t
LEFT JOIN school AS s ON s.school_code = t.school_code
LEFT JOIN files AS f ON f.file_id = t.file_id
ORDER BY t.date, list_position(['snapshot', 'change', 'inferred', 'filed', 'transfer'], t.kind),
    t.school_code, f.path, t.line_no
