-- Reinstatement findings (rules.md §4.1): one row per cancellation that was reversed, or per
-- person seen after death. A filed cancellation cannot be restored: a later 恢复学籍, 恢复入学资格
-- or 复学, or a later snapshot showing the person registered, is INVALID_REINSTATEMENT, unless
-- the person was newly admitted into a later stage. Reversing an unfiled cancellation is info.
WITH cancellations AS (
    SELECT
        e.event_id, e.student_no, e.school_code, e.event_type, e.event_date, e.file_id, e.line_no,
        coalesce(e.filed_date,
            CAST(e.event_date + to_days(CAST($assume_filed_days AS INTEGER)) AS DATE)) AS filed_on,
        coalesce((
            SELECT arg_max(stage_of_grade(r.grade), r.snapshot_date) FROM person_roster AS r
            WHERE r.student_no = e.student_no AND r.school_code = e.school_code
                AND r.snapshot_date <= e.event_date), 'unknown') AS stage
    FROM status_event AS e
    WHERE e.event_type IN ('cancel', 'withdraw', 'expel', 'admission_cancelled')
        AND NOT e.is_inferred
),

later_stage_admissions AS (
    SELECT c.event_id, min(g.start_date) AS admitted_on
    FROM cancellations AS c
    JOIN registration AS g ON g.student_no = c.student_no
        AND stage_rank(g.stage) > coalesce(stage_rank(c.stage), 0)
        AND g.start_date > c.event_date
    GROUP BY c.event_id
),

open_cancellations AS (
    SELECT c.*, coalesce(a.admitted_on, DATE '9999-12-31') AS reversal_deadline
    FROM cancellations AS c
    LEFT JOIN later_stage_admissions AS a USING (event_id)
),

-- Recorded restorations only: one inferred from snapshots is already a registered sighting.
restorations AS (
    SELECT c.event_id, r.event_date, r.event_type, r.school_code, r.file_id, r.line_no
    FROM open_cancellations AS c
    JOIN status_event AS r ON r.student_no = c.student_no
        AND r.event_type IN ('reinstate', 'admission_restored', 'resume')
        AND NOT r.is_inferred
        AND r.event_date >= c.event_date AND r.event_date < c.reversal_deadline
),

registered_sightings AS (
    SELECT c.event_id, r.snapshot_date, r.school_code, r.status, r.file_id, r.line_no
    FROM open_cancellations AS c
    JOIN person_roster AS r ON r.student_no = c.student_no
        AND r.snapshot_date > coalesce(c.filed_on, c.event_date)
        AND r.snapshot_date < c.reversal_deadline
    JOIN status_code AS s ON s.key = r.status AND s.registered
),

reversals AS (
    SELECT
        c.*,
        (SELECT list(struct_pack(date := r.event_date, change := r.event_type,
            school_code := r.school_code, file := f.path, line := r.line_no) ORDER BY r.event_date)
         FROM restorations AS r LEFT JOIN ingest_file AS f USING (file_id)
         WHERE r.event_id = c.event_id
            AND (c.filed_on IS NULL OR r.event_date >= c.filed_on)) AS restored,
        (SELECT list(struct_pack(date := r.snapshot_date, status := r.status,
            school_code := r.school_code, file := f.path, line := r.line_no) ORDER BY r.snapshot_date)
         FROM registered_sightings AS r LEFT JOIN ingest_file AS f USING (file_id)
         WHERE r.event_id = c.event_id) AS seen_registered
    FROM open_cancellations AS c
),

findings AS (
    SELECT
        CASE WHEN filed_on IS NULL THEN 'UNFILED_CANCELLATION_REVERSED'
            ELSE 'INVALID_REINSTATEMENT' END AS rule,
        CASE WHEN filed_on IS NULL THEN 'info' ELSE 'high' END AS severity,
        r.*
    FROM reversals AS r
    WHERE len(coalesce(restored, [])) > 0 OR len(coalesce(seen_registered, [])) > 0
),

deaths AS (
    SELECT d.student_no, d.school_code, d.event_date, d.file_id, d.line_no, d.event_id,
        (SELECT list(struct_pack(date := e.event_date, change := e.event_type,
            school_code := e.school_code) ORDER BY e.event_date)
         FROM status_event AS e
         WHERE e.student_no = d.student_no AND e.event_date > d.event_date) AS later_events,
        (SELECT list(struct_pack(date := r.snapshot_date, status := r.status,
            school_code := r.school_code) ORDER BY r.snapshot_date)
         FROM person_roster AS r JOIN status_code AS s ON s.key = r.status AND s.registered
         WHERE r.student_no = d.student_no AND r.snapshot_date > d.event_date) AS later_sightings
    FROM status_event AS d
    WHERE d.event_type = 'death'
    QUALIFY row_number() OVER (PARTITION BY d.student_no ORDER BY d.event_date) = 1
),

result AS (
    SELECT
        f.rule, f.severity, f.student_no, f.school_code, NULL::INTEGER AS exam_year,
        f.event_id AS subject,
        json_object(
            'cancellation', json_object('change', f.event_type, 'date', f.event_date,
                'filed_date', f.filed_on, 'school_code', f.school_code,
                'file', (SELECT path FROM ingest_file WHERE file_id = f.file_id), 'line', f.line_no),
            'restorations', coalesce(f.restored, []),
            'registered_after', coalesce(f.seen_registered, [])) AS evidence
    FROM findings AS f
    UNION ALL
    SELECT
        'EVENT_AFTER_DEATH', 'high', d.student_no, d.school_code, NULL, d.event_id,
        json_object('death', json_object('date', d.event_date, 'school_code', d.school_code,
                'file', (SELECT path FROM ingest_file WHERE file_id = d.file_id), 'line', d.line_no),
            'later_events', coalesce(d.later_events, []),
            'registered_after', coalesce(d.later_sightings, []))
    FROM deaths AS d
    WHERE len(coalesce(d.later_events, [])) > 0 OR len(coalesce(d.later_sightings, [])) > 0
)

SELECT * FROM result
