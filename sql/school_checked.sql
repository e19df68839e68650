-- School-registry records of the files being ingested, normalised, each with the first reason it
-- cannot load (NULL when it loads). Grain: one row per raw registry record of the batch.
CREATE OR REPLACE TEMP TABLE school_checked AS
WITH raw AS (
    SELECT r.* FROM raw_school AS r JOIN ingest_batch AS b USING (file_id)
),

normalized AS (
    SELECT
        *,
        normalize_ident(school_code) AS code,
        normalize_ident(region_code) AS region,
        normalize_text(school_name) AS title,
        normalize_text(school_level) AS level_text
    FROM raw
),

levels AS (
    SELECT key AS token, value ->> '$' AS level FROM json_each($levels::JSON)
),

checked AS (
    SELECT
        n.*,
        l.level,
        CASE
            WHEN n.code IS NULL THEN ['missing_required', 'school_code', n.school_code]
            WHEN NOT regexp_full_match(n.code, '\d{10}')
                THEN ['invalid_school_code', 'school_code', n.school_code]
            WHEN n.title IS NULL THEN ['missing_required', 'school_name', n.school_name]
            WHEN n.region IS NULL THEN ['missing_required', 'region_code', n.region_code]
            WHEN NOT regexp_full_match(n.region, '\d{6}') OR NOT is_province_code(n.region[1:2])
                THEN ['unknown_code', 'region_code', n.region_code]
        END AS problem
    FROM normalized AS n
    LEFT JOIN levels AS l ON l.token = n.level_text
)

SELECT
    file_id,
    line_no,
    raw,
    problem[1] AS reason,
    problem[2] AS column_name,
    problem[3] AS bad_value,
    code AS school_code,
    title AS school_name,
    region AS region_code,
    region[1:2] AS province_code,
    prefecture_of(region) AS prefecture_code,
    coalesce(level, level_text) AS school_level
FROM checked
