-- Gaokao candidates (rules.md §4.2): one row per person and exam year Y, for everyone registered
-- in senior grade 3 in the school year ending in Y. The exam province is that of the school of the
-- last grade-3 registration before the cutoff day (7 June by default).
WITH grade_three AS (
    SELECT
        *,
        school_year_of(snapshot_date) + 1 AS exam_year
    FROM senior_sighting
    WHERE grade = 12
),

before_cutoff AS (
    SELECT
        *,
        make_date(exam_year, CAST($cutoff_month AS INTEGER), CAST($cutoff_day AS INTEGER)) AS cutoff
    FROM grade_three
),

candidates AS (
    SELECT
        student_no,
        exam_year,
        any_value(cutoff) AS cutoff,
        arg_max(province_code, snapshot_date) AS exam_province,
        arg_max(school_code, snapshot_date) AS exam_school_code
    FROM before_cutoff
    WHERE snapshot_date < cutoff
    GROUP BY student_no, exam_year
)

SELECT * FROM candidates
