-- Multiple active registrations (一人多籍; rules.md §4.2): one row per person registered at two or
-- more schools on the same snapshot date, or in stays at two schools that overlap by more than the
-- allowed days. High when the schools are in different provinces, else medium.
WITH same_day AS (
    SELECT a.student_no, a.school_code AS school_a, b.school_code AS school_b,
        a.snapshot_date AS from_date, a.snapshot_date AS to_date
    FROM person_roster AS a
    JOIN person_roster AS b ON b.student_no = a.student_no AND b.snapshot_date = a.snapshot_date
        AND b.school_code > a.school_code
    JOIN status_code AS sa ON sa.key = a.status AND sa.registered
    JOIN status_code AS sb ON sb.key = b.status AND sb.registered
),

overlapping AS (
    SELECT a.student_no, a.school_code AS school_a, b.school_code AS school_b,
        greatest(a.start_date, b.start_date) AS from_date, least(a.end_date, b.end_date) AS to_date
    FROM registration AS a
    JOIN registration AS b ON b.student_no = a.student_no AND b.school_code > a.school_code
    WHERE least(a.end_date, b.end_date) - greatest(a.start_date, b.start_date)
        > CAST($overlap_days AS INTEGER)
),

pairs AS (
    SELECT * FROM same_day
    UNION
    SELECT * FROM overlapping
),

grouped AS (
    SELECT
        p.student_no,
        bool_or(sa.province_code IS DISTINCT FROM sb.province_code) AS across_provinces,
        list(DISTINCT struct_pack(school_a := p.school_a, province_a := sa.province_code,
            school_b := p.school_b, province_b := sb.province_code)) AS schools,
        len(list_distinct(list(p.school_a) || list(p.school_b))) AS school_count,
        min(p.from_date) AS first_seen,
        max(p.to_date) AS last_seen
    FROM pairs AS p
    LEFT JOIN school AS sa ON sa.school_code = p.school_a
    LEFT JOIN school AS sb ON sb.school_code = p.school_b
    GROUP BY p.student_no
),

result AS (
    SELECT
        'MULTIPLE_ACTIVE_REGISTRATIONS' AS rule,
        CASE WHEN across_provinces THEN 'high' ELSE 'medium' END AS severity,
        student_no, NULL AS school_code, NULL::INTEGER AS exam_year, '' AS subject,
        json_object('school_count', school_count, 'schools', schools, 'from', first_seen,
            'to', last_seen) AS evidence
    FROM grouped
)

SELECT * FROM result
