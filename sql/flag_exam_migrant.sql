-- Late-transfer gaokao-migrant findings (rules.md §4.2): one row per candidate and exam year
-- whose last unbroken senior-high run in the exam province began after the arrival deadline,
-- coming from another province, when the exam province is not the one of the person's ID; and a
-- second row (EXAM_MIGRANT_HUKOU_MOVE) when the household region also moved into the province in
-- the years before the exam, as seen across snapshots.
-- A person with no resident ID (J/L numbers only) has no known origin, so cannot be shown to be
-- returning home: the rule fires for them too, as a lead.
WITH rules AS (
    SELECT unnest(json_transform($province_rules::JSON,
        '[{"province":"VARCHAR","required_years":"INTEGER","grace_days":"INTEGER"}]'),
        recursive := true)
),

runs AS (
    SELECT
        c.student_no, c.exam_year, c.exam_province, c.exam_school_code, c.cutoff,
        s.snapshot_date, s.province_code, s.school_code, s.file_id, s.line_no,
        sum(CASE WHEN s.province_code IS DISTINCT FROM s.previous_province THEN 1 ELSE 0 END)
            OVER (PARTITION BY c.student_no, c.exam_year ORDER BY s.snapshot_date, s.school_code)
            AS run_no
    FROM exam_candidate AS c
    JOIN (
        SELECT *, lag(province_code) OVER (
            PARTITION BY student_no ORDER BY snapshot_date, school_code) AS previous_province
        FROM senior_sighting
    ) AS s USING (student_no)
    WHERE s.snapshot_date < c.cutoff
),

last_runs AS (
    SELECT
        student_no, exam_year, any_value(exam_province) AS exam_province,
        any_value(exam_school_code) AS exam_school_code,
        any_value(cutoff) AS cutoff,
        max(run_no) AS last_run
    FROM runs
    GROUP BY student_no, exam_year
),

arrivals AS (
    SELECT
        l.*,
        min(r.snapshot_date) FILTER (WHERE r.run_no = l.last_run) AS first_seen_in_p,
        arg_min(struct_pack(school_code := r.school_code, date := r.snapshot_date,
            file_id := r.file_id, line := r.line_no), r.snapshot_date)
            FILTER (WHERE r.run_no = l.last_run) AS first_sighting,
        arg_max(struct_pack(school_code := r.school_code, province := r.province_code,
            date := r.snapshot_date, file_id := r.file_id, line := r.line_no), r.snapshot_date)
            FILTER (WHERE r.run_no = l.last_run - 1) AS before_arrival
    FROM last_runs AS l
    JOIN runs AS r USING (student_no, exam_year)
    GROUP BY ALL
),

dated AS (
    SELECT
        a.*,
        (SELECT arg_min(struct_pack(date := e.event_date, school_code := e.school_code,
            file_id := e.file_id, line := e.line_no), e.event_date)
         FROM status_event AS e JOIN school AS s USING (school_code)
         WHERE e.student_no = a.student_no AND e.event_type = 'transfer_in'
            AND s.province_code = a.exam_province
            AND e.event_date > a.before_arrival.date AND e.event_date <= a.first_seen_in_p
        ) AS transfer_in
    FROM arrivals AS a
    WHERE a.before_arrival IS NOT NULL AND a.before_arrival.province <> a.exam_province
),

judged AS (
    SELECT
        d.*,
        coalesce(d.transfer_in.date, d.first_seen_in_p) AS arrived_on,
        CAST(make_date(d.exam_year - coalesce(r.required_years, CAST($required_years AS INTEGER)),
            9, 1) + to_days(coalesce(r.grace_days, CAST($grace_days AS INTEGER))) AS DATE)
            AS deadline,
        p.origin_province_code,
        p.id_no
    FROM dated AS d
    JOIN person AS p USING (student_no)
    LEFT JOIN rules AS r ON r.province = d.exam_province
),

late AS (
    SELECT * FROM judged
    WHERE arrived_on > deadline AND origin_province_code IS DISTINCT FROM exam_province
),

hukou_changes AS (
    SELECT
        r.student_no, r.snapshot_date, r.hukou_region, r.file_id, r.line_no,
        lag(r.hukou_region) OVER (PARTITION BY r.student_no ORDER BY r.snapshot_date, r.school_code)
            AS previous_region
    FROM person_roster AS r
    WHERE regexp_full_match(r.hukou_region, '\d{6}')
),

hukou_moves AS (
    SELECT
        l.student_no, l.exam_year,
        arg_max(struct_pack(from_region := h.previous_region, to_region := h.hukou_region,
            seen_on := h.snapshot_date, file_id := h.file_id, line := h.line_no), h.snapshot_date)
            AS move
    FROM late AS l
    JOIN hukou_changes AS h ON h.student_no = l.student_no
        AND h.hukou_region[1:2] = l.exam_province
        AND h.previous_region[1:2] <> l.exam_province
        AND h.snapshot_date <= l.cutoff
        AND h.snapshot_date > l.cutoff - to_years(CAST($hukou_years AS INTEGER))
    GROUP BY l.student_no, l.exam_year
),

evidenced AS (
    SELECT
        l.*,
        json_object(
            'exam_province', l.exam_province,
            'origin_province', l.origin_province_code,
            'arrived_on', l.arrived_on,
            'deadline', l.deadline,
            'from', json_object('school_code', l.before_arrival.school_code,
                'province', l.before_arrival.province, 'last_seen', l.before_arrival.date,
                'file', (SELECT path FROM ingest_file WHERE file_id = l.before_arrival.file_id),
                'line', l.before_arrival.line),
            'arrival_snapshot', json_object('school_code', l.first_sighting.school_code,
                'date', l.first_sighting.date,
                'file', (SELECT path FROM ingest_file WHERE file_id = l.first_sighting.file_id),
                'line', l.first_sighting.line),
            'transfer_in', CASE WHEN l.transfer_in IS NOT NULL THEN json_object(
                'date', l.transfer_in.date, 'school_code', l.transfer_in.school_code,
                'file', (SELECT path FROM ingest_file WHERE file_id = l.transfer_in.file_id),
                'line', l.transfer_in.line) END) AS evidence,
        m.move
    FROM late AS l
    LEFT JOIN hukou_moves AS m USING (student_no, exam_year)
),

result AS (
    SELECT
        'EXAM_MIGRANT_LATE_TRANSFER' AS rule,
        CASE WHEN arrived_on >= make_date(exam_year - 1, 9, 1) THEN 'high' ELSE 'medium' END
            AS severity,
        student_no, exam_school_code AS school_code, exam_year,
        CAST(exam_year AS VARCHAR) AS subject, evidence
    FROM evidenced
    UNION ALL
    SELECT
        'EXAM_MIGRANT_HUKOU_MOVE', 'high', student_no, exam_school_code, exam_year,
        CAST(exam_year AS VARCHAR),
        json_merge_patch(evidence, json_object('hukou_move', json_object(
            'from_region', move.from_region, 'to_region', move.to_region, 'seen_on', move.seen_on,
            'file', (SELECT path FROM ingest_file WHERE file_id = move.file_id),
            'line', move.line)))
    FROM evidenced
    WHERE move IS NOT NULL
)

SELECT * FROM result
