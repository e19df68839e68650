-- Moves between schools: one row per move. A sending school's 转出 and the receiving school's
-- 转入 for the same person within the pairing window are one transfer, dated by the 转入. A move
-- seen only in snapshots (consecutive stays in one stage at two schools, no record) is inferred.
WITH outs AS (
    SELECT student_no, school_code, event_date, event_id, to_school_code
    FROM status_event JOIN change_row USING (file_id, line_no, student_no, school_code)
    WHERE status_event.event_type = 'transfer_out'
),

ins AS (
    SELECT student_no, school_code, event_date, event_id, from_school_code
    FROM status_event JOIN change_row USING (file_id, line_no, student_no, school_code)
    WHERE status_event.event_type = 'transfer_in'
),

paired AS (
    SELECT
        i.student_no, i.event_id AS in_id,
        arg_max(o.event_id, o.event_date) AS out_id,
        arg_max(o.school_code, o.event_date) AS from_school_code,
        any_value(i.school_code) AS to_school_code,
        any_value(i.event_date) AS transfer_date
    FROM ins AS i
    JOIN outs AS o ON o.student_no = i.student_no AND o.school_code <> i.school_code
        AND o.event_date BETWEEN i.event_date - to_days($pair_days) AND i.event_date + INTERVAL 7 DAY
    GROUP BY i.student_no, i.event_id
),

unpaired_ins AS (
    SELECT i.student_no, i.from_school_code, i.school_code AS to_school_code, i.event_date
    FROM ins AS i WHERE i.event_id NOT IN (SELECT in_id FROM paired)
),

unpaired_outs AS (
    SELECT o.student_no, o.school_code AS from_school_code, o.to_school_code, o.event_date
    FROM outs AS o WHERE o.event_id NOT IN (SELECT out_id FROM paired)
),

recorded AS (
    SELECT student_no, from_school_code, to_school_code, transfer_date, false AS is_inferred
    FROM paired
    UNION ALL
    SELECT *, false FROM unpaired_ins
    UNION ALL
    SELECT *, false FROM unpaired_outs
),

consecutive AS (
    SELECT
        student_no, school_code AS to_school_code, stage, start_date,
        lag(school_code) OVER w AS from_school_code,
        lag(stage) OVER w AS previous_stage,
        lag(end_date) OVER w AS previous_end
    FROM registration
    WINDOW w AS (PARTITION BY student_no ORDER BY start_date, school_code)
),

inferred AS (
    SELECT c.student_no, c.from_school_code, c.to_school_code, c.start_date AS transfer_date,
        true AS is_inferred
    FROM consecutive AS c
    WHERE c.from_school_code IS NOT NULL AND c.from_school_code <> c.to_school_code
        AND c.stage = c.previous_stage
        AND NOT EXISTS (
            SELECT 1 FROM recorded AS r
            WHERE r.student_no = c.student_no
                AND r.transfer_date BETWEEN c.previous_end - INTERVAL 7 DAY AND c.start_date + INTERVAL 7 DAY)
),

moves AS (
    SELECT * FROM recorded
    UNION ALL
    SELECT * FROM inferred
)

SELECT
    m.student_no,
    m.from_school_code,
    m.to_school_code,
    m.transfer_date,
    transfer_scope(f.region_code, t.region_code) AS scope,
    m.is_inferred
FROM moves AS m
LEFT JOIN school AS f ON f.school_code = m.from_school_code
LEFT JOIN school AS t ON t.school_code = m.to_school_code
ORDER BY m.student_no, m.transfer_date
