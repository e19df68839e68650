-- Grain: one row per school, stage, grade and sex. Each school counts the persons whose status
-- counts as registered (status_code.registered) in its latest roster snapshot on or before
-- $as_of. $region_prefix (2, 4 or 6 digits; NULL for all) keeps the schools of one region.

WITH roster AS (
    SELECT * FROM roster_row WHERE snapshot_date <= $as_of::DATE
),

schools AS (
    SELECT * FROM school
),

registered_statuses AS (
    SELECT key FROM status_code WHERE registered
),

latest_snapshot AS (
    SELECT school_code, max(snapshot_date) AS snapshot_date
    FROM roster
    GROUP BY school_code
),

registered AS (
    SELECT roster.school_code, roster.student_no, roster.grade, roster.sex
    FROM roster
    JOIN latest_snapshot USING (school_code, snapshot_date)
    JOIN registered_statuses ON registered_statuses.key = roster.status
),

-- A school missing from the registry has no region: it is kept only when no region is asked.
in_region AS (
    SELECT schools.province_code, schools.region_code, registered.*
    FROM registered
    LEFT JOIN schools USING (school_code)
    WHERE $region_prefix::VARCHAR IS NULL
        OR starts_with(
            coalesce(schools.region_code, schools.province_code), $region_prefix::VARCHAR)
),

counted AS (
    SELECT
        $as_of::DATE AS as_of,
        province_code,
        region_code,
        school_code,
        stage_of_grade(grade) AS stage,
        grade,
        sex,
        count(DISTINCT student_no) AS students
    FROM in_region
    GROUP BY province_code, region_code, school_code, grade, sex
)

SELECT * FROM counted
ORDER BY province_code NULLS LAST, region_code NULLS LAST, school_code, grade NULLS LAST,
    sex NULLS LAST
