-- Moves between schools: one row per move. A sending school's 转出 and the receiving school's 转入
-- for the same person, at most $pair_days apart either way, are one transfer dated by the 转入;
-- each record pairs once, with its nearest counterpart, preferring records that name each other's
-- school. A 转出 or 转入 left without a counterpart is a move of its own (dated by itself). A move
-- seen only in snapshots, a stay that began with an inferred transfer_in, is inferred.
WITH recorded_moves AS (
    SELECT e.event_id, e.student_no, e.school_code, e.event_type, e.event_date,
        c.from_school_code, c.to_school_code
    FROM status_event AS e
    JOIN person_change_row() AS c USING (file_id, line_no)
    WHERE e.event_type IN ('transfer_out', 'transfer_in') AND NOT e.is_inferred
),

outs AS (
    SELECT * FROM recorded_moves WHERE event_type = 'transfer_out'
),

ins AS (
    SELECT * FROM recorded_moves WHERE event_type = 'transfer_in'
),

candidates AS (
    SELECT
        o.event_id AS out_event_id, i.event_id AS in_event_id, i.student_no,
        o.school_code AS from_school_code, i.school_code AS to_school_code,
        i.event_date AS transfer_date,
        (o.to_school_code IS DISTINCT FROM i.school_code)::INTEGER
            + (i.from_school_code IS DISTINCT FROM o.school_code)::INTEGER AS mismatches,
        abs(datediff('day', o.event_date, i.event_date)) AS gap
    FROM ins AS i
    JOIN outs AS o ON o.student_no = i.student_no AND o.school_code <> i.school_code
        AND abs(datediff('day', o.event_date, i.event_date)) <= $pair_days
),

paired AS (
    SELECT * EXCLUDE (mismatches, gap) FROM candidates
    QUALIFY row_number() OVER (PARTITION BY in_event_id ORDER BY mismatches, gap, out_event_id) = 1
        AND row_number() OVER (PARTITION BY out_event_id ORDER BY mismatches, gap, in_event_id) = 1
),

recorded AS (
    SELECT *, false AS is_inferred FROM paired
    UNION ALL
    SELECT NULL, event_id, student_no, from_school_code, school_code, event_date, false
    FROM ins WHERE event_id NOT IN (SELECT in_event_id FROM paired)
    UNION ALL
    SELECT event_id, NULL, student_no, school_code, to_school_code, event_date, false
    FROM outs WHERE event_id NOT IN (SELECT out_event_id FROM paired)
),

stays AS (
    SELECT *,
        lag(school_code) OVER person_stays AS previous_school,
        lag(end_date) OVER person_stays AS previous_end
    FROM registration
    WINDOW person_stays AS (PARTITION BY student_no ORDER BY start_date, school_code)
),

inferred AS (
    SELECT NULL, NULL, s.student_no, s.previous_school, s.school_code, s.start_date, true
    FROM stays AS s
    WHERE s.start_change = 'transfer_in' AND s.start_inferred
        AND NOT EXISTS (
            SELECT 1 FROM recorded AS r
            WHERE r.student_no = s.student_no
                AND r.transfer_date BETWEEN s.previous_end - to_days($pair_days)
                    AND s.start_date + to_days($pair_days))
),

moves AS (
    SELECT * FROM recorded
    UNION ALL
    SELECT * FROM inferred
),

scoped AS (
    SELECT
        m.student_no, m.from_school_code, m.to_school_code, m.transfer_date,
        transfer_scope(f.region_code, t.region_code) AS scope,
        m.is_inferred, m.out_event_id, m.in_event_id
    FROM moves AS m
    LEFT JOIN school AS f ON f.school_code = m.from_school_code
    LEFT JOIN school AS t ON t.school_code = m.to_school_code
)

SELECT * FROM scoped ORDER BY student_no, transfer_date, from_school_code
