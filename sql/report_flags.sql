-- Grain: one row per flag. The summary is the evidence's summary in $summary_lang ('zh' or
-- 'en'), else in the other language. $region_prefix (2, 4 or 6 digits; NULL for all) keeps the
-- flags whose school is in one region. Numbers are masked afterwards, in reports/masking.ts.

WITH flags AS (
    SELECT * FROM flag
),

schools AS (
    SELECT * FROM school
),

in_region AS (
    SELECT flags.*
    FROM flags
    LEFT JOIN schools USING (school_code)
    WHERE $region_prefix::VARCHAR IS NULL
        OR starts_with(
            coalesce(schools.region_code, schools.province_code), $region_prefix::VARCHAR)
),

summarised AS (
    SELECT
        flag_id,
        rule,
        severity,
        student_no,
        school_code,
        exam_year,
        coalesce(
            json_extract_string(evidence, '$.summary.' || $summary_lang::VARCHAR),
            json_extract_string(evidence, '$.summary.zh'),
            json_extract_string(evidence, '$.summary.en')
        ) AS summary
    FROM in_region
)

SELECT * FROM summarised
ORDER BY CASE severity WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'info' THEN 3 ELSE 4 END,
    severity, rule, flag_id
