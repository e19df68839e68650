-- Late-transfer clusters (rules.md §4.2): one row per school and school year in which the school
-- received at least the set number of cross-province transfers of persons in senior grade 3 there
-- that year, making at least the set share of its grade-3 cohort (everyone registered in grade 3
-- at the school in any snapshot of that year, arrivals included). The flag is on the school.
WITH cohort AS (
    SELECT school_code, school_year_of(snapshot_date) AS school_year,
        count(DISTINCT student_no) AS cohort_size
    FROM senior_sighting
    WHERE grade = 12
    GROUP BY ALL
),

arrivals AS (
    SELECT DISTINCT t.to_school_code AS school_code, school_year_of(t.transfer_date) AS school_year,
        t.student_no, t.transfer_date, t.from_school_code
    FROM transfer AS t
    JOIN senior_sighting AS s ON s.student_no = t.student_no AND s.school_code = t.to_school_code
        AND s.grade = 12 AND school_year_of(s.snapshot_date) = school_year_of(t.transfer_date)
    WHERE t.scope = 'cross_province'
),

counted AS (
    SELECT
        a.school_code, a.school_year, c.cohort_size,
        count(DISTINCT a.student_no) AS arrivals,
        list(struct_pack(student_no := a.student_no, date := a.transfer_date,
            from_school_code := a.from_school_code) ORDER BY a.transfer_date) AS transfers
    FROM arrivals AS a
    JOIN cohort AS c USING (school_code, school_year)
    GROUP BY ALL
),

result AS (
    SELECT
        'SCHOOL_LATE_TRANSFER_CLUSTER' AS rule, 'high' AS severity, NULL AS student_no,
        school_code, school_year + 1 AS exam_year, CAST(school_year AS VARCHAR) AS subject,
        json_object('school_year', school_year || '-' || (school_year + 1), 'arrivals', arrivals,
            'cohort_size', cohort_size, 'share', round(arrivals / cohort_size, 3),
            'transfers', transfers) AS evidence
    FROM counted
    WHERE arrivals >= CAST($cluster_min AS INTEGER)
        AND arrivals >= CAST($cluster_share AS DOUBLE) * cohort_size
)

SELECT * FROM result
