-- Grain: one row per school year, sending province, receiving province and scope. Counts the
-- moves between schools dated on or before $as_of; a school year runs 1 September to 31 August.
-- Provinces come from the school registry (NULL when a school is not in it). $region_prefix
-- (2, 4 or 6 digits; NULL for all) keeps the moves into or out of one region.

WITH transfers AS (
    SELECT * FROM transfer WHERE transfer_date <= $as_of::DATE
),

schools AS (
    SELECT * FROM school
),

placed AS (
    SELECT
        transfers.*,
        sender.province_code AS from_province_code,
        coalesce(sender.region_code, sender.province_code) AS from_region,
        receiver.province_code AS to_province_code,
        coalesce(receiver.region_code, receiver.province_code) AS to_region
    FROM transfers
    LEFT JOIN schools AS sender ON sender.school_code = transfers.from_school_code
    LEFT JOIN schools AS receiver ON receiver.school_code = transfers.to_school_code
),

in_region AS (
    SELECT * FROM placed
    WHERE $region_prefix::VARCHAR IS NULL
        OR starts_with(from_region, $region_prefix::VARCHAR)
        OR starts_with(to_region, $region_prefix::VARCHAR)
),

counted AS (
    SELECT
        concat(school_year_of(transfer_date), '-', school_year_of(transfer_date) + 1)
            AS school_year,
        from_province_code,
        to_province_code,
        scope,
        count(*) AS transfers
    FROM in_region
    GROUP BY school_year, from_province_code, to_province_code, scope
)

SELECT * FROM counted
ORDER BY school_year, from_province_code NULLS LAST, to_province_code NULLS LAST,
    scope NULLS LAST
