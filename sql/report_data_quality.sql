-- Grain: one row per ingest_file row of kind roster, changes or schools, whatever its status.
-- top_reasons lists the file's three most frequent quarantine reasons with their counts, ties
-- by name: 'mangled_by_spreadsheet×3; ragged_row×1'. $region_prefix (2, 4 or 6 digits; NULL
-- for all) keeps the files of schools in one region.

WITH files AS (
    SELECT * FROM ingest_file WHERE kind IN ('roster', 'changes', 'schools')
),

quarantined AS (
    SELECT * FROM quarantine
),

schools AS (
    SELECT * FROM school
),

reason_counts AS (
    SELECT file_id, reason, count(*) AS rejected
    FROM quarantined
    GROUP BY file_id, reason
),

ranked_reasons AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY file_id ORDER BY rejected DESC, reason) AS reason_rank
    FROM reason_counts
),

top_reasons AS (
    SELECT
        file_id,
        string_agg(concat(reason, '×', rejected), '; ' ORDER BY reason_rank) AS top_reasons
    FROM ranked_reasons
    WHERE reason_rank <= 3
    GROUP BY file_id
),

in_region AS (
    SELECT files.*
    FROM files
    LEFT JOIN schools USING (school_code)
    WHERE $region_prefix::VARCHAR IS NULL
        OR starts_with(
            coalesce(schools.region_code, schools.province_code), $region_prefix::VARCHAR)
),

reported AS (
    SELECT
        in_region.school_code,
        in_region.path AS file,
        in_region.rows_read,
        in_region.rows_loaded,
        in_region.rows_rejected,
        in_region.rows_skipped,
        top_reasons.top_reasons
    FROM in_region
    LEFT JOIN top_reasons USING (file_id)
)

-- ORDER BY ALL: two versions of one path still come out in a fixed order.
SELECT * FROM reported
ORDER BY ALL
