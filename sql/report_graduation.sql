-- Grain: one row per cohort year, stage (junior, senior), province and school (rules.md §5).
-- A cohort is the persons who entered the stage's first grade (junior 7, senior 10) in one school
-- year (1 September to 31 August); a person first seen in a later grade, say after a transfer in,
-- joins the cohort they would have belonged to: cohort_year = school year of the snapshot minus
-- (grade - first grade). Each person is counted once per stage, in the cohort of their first
-- roster record in that stage, and attributed to the school of that first registration in the
-- stage (a later move does not carry them to the new school).
-- cohort_size is the rate's denominator: the cohort less the members who, before graduating,
-- left the region (a cross_province transfer out of the attributed school's province), died (a
-- death event or a deceased roster status) or went abroad (status abroad). Suspended, repeating
-- and withdrawn students stay in it. graduated counts the rest who graduated (a graduation event
-- at a school where they studied in that stage, or a graduated roster status in that stage's
-- grades) within the stage's normal length: from 1 September of cohort_year to 31 August of
-- cohort_year + 3. rate = graduated / cohort_size to 4 decimals; NULL while that 31 August is
-- after $as_of (the cohort has not finished) or when cohort_size is 0. Only records dated on or
-- before $as_of count. $region_prefix (2, 4 or 6 digits; NULL for all) keeps the schools of one
-- region.

WITH roster AS (
    SELECT * FROM roster_row WHERE snapshot_date <= $as_of::DATE
),

events AS (
    SELECT * FROM status_event WHERE event_date <= $as_of::DATE
),

transfers AS (
    SELECT * FROM transfer WHERE transfer_date <= $as_of::DATE
),

schools AS (
    SELECT * FROM school
),

sightings AS (
    SELECT
        student_no,
        school_code,
        snapshot_date,
        grade,
        status,
        stage_of_grade(grade) AS stage,
        school_year_of(snapshot_date)
            - (grade - CASE stage_of_grade(grade) WHEN 'junior' THEN 7 ELSE 10 END)
            AS cohort_year
    FROM roster
    WHERE stage_of_grade(grade) IN ('junior', 'senior')
),

-- One row per person and stage: the cohort and school of their first record in the stage.
members AS (
    SELECT
        student_no,
        stage,
        arg_min(cohort_year, (snapshot_date, school_code)) AS cohort_year,
        arg_min(school_code, (snapshot_date, school_code)) AS school_code
    FROM sightings
    GROUP BY student_no, stage
),

windowed AS (
    SELECT
        members.*,
        schools.province_code,
        coalesce(schools.region_code, schools.province_code) AS region,
        make_date(members.cohort_year, 9, 1) AS stage_start,
        make_date(members.cohort_year + 3, 8, 31) AS normal_end
    FROM members
    LEFT JOIN schools USING (school_code)
),

graduations AS (
    SELECT DISTINCT events.student_no, sightings.stage, events.event_date AS graduation_date
    FROM events
    JOIN sightings
        ON sightings.student_no = events.student_no
        AND sightings.school_code = events.school_code
    WHERE events.event_type = 'graduation'
    UNION
    SELECT student_no, stage, snapshot_date AS graduation_date
    FROM sightings
    WHERE status = 'graduated'
),

exits AS (
    SELECT student_no, event_date AS exit_date, NULL::VARCHAR AS from_province_code
    FROM events
    WHERE event_type = 'death' OR status IN ('deceased', 'abroad')
    UNION ALL
    SELECT student_no, snapshot_date AS exit_date, NULL::VARCHAR AS from_province_code
    FROM roster
    WHERE status IN ('deceased', 'abroad')
    UNION ALL
    SELECT transfers.student_no, transfers.transfer_date AS exit_date,
        sender.province_code AS from_province_code
    FROM transfers
    JOIN schools AS sender ON sender.school_code = transfers.from_school_code
    WHERE transfers.scope = 'cross_province'
),

outcomes AS (
    SELECT
        windowed.*,
        (SELECT min(graduation_date) FROM graduations
            WHERE graduations.student_no = windowed.student_no
                AND graduations.stage = windowed.stage
                AND graduation_date BETWEEN windowed.stage_start AND windowed.normal_end
        ) AS graduation_date,
        (SELECT min(exit_date) FROM exits
            WHERE exits.student_no = windowed.student_no
                AND (exits.from_province_code IS NULL
                    OR exits.from_province_code = windowed.province_code)
                AND exit_date BETWEEN windowed.stage_start AND windowed.normal_end
        ) AS exit_date
    FROM windowed
),

classified AS (
    SELECT
        *,
        exit_date IS NOT NULL AND (graduation_date IS NULL OR exit_date < graduation_date)
            AS left_cohort
    FROM outcomes
),

-- A school missing from the registry has no region: it is kept only when no region is asked.
in_region AS (
    SELECT * FROM classified
    WHERE $region_prefix::VARCHAR IS NULL OR starts_with(region, $region_prefix::VARCHAR)
),

counted AS (
    SELECT
        cohort_year,
        stage,
        province_code,
        school_code,
        count(*) FILTER (WHERE NOT left_cohort) AS cohort_size,
        count(*) FILTER (WHERE NOT left_cohort AND graduation_date IS NOT NULL) AS graduated,
        any_value(normal_end) AS normal_end
    FROM in_region
    GROUP BY cohort_year, stage, province_code, school_code
),

rated AS (
    SELECT
        cohort_year,
        stage,
        province_code,
        school_code,
        cohort_size,
        graduated,
        CASE WHEN normal_end <= $as_of::DATE AND cohort_size > 0
            THEN round(graduated / cohort_size, 4) END AS rate
    FROM counted
)

SELECT * FROM rated
ORDER BY cohort_year, stage, province_code NULLS LAST, school_code
