-- The person model: one row per person, under the number person_alias gives them. Which source
-- wins (docs/person-model.md): birth date and sex from the resident ID over typed ones; the ID,
-- name and current school, status and grade from the latest snapshot (change logs only when no
-- snapshot has the value); origin from the ID's address code, resolved through `region`.
-- Grain: one row per person.
WITH roster AS (
    SELECT * FROM person_roster_row()
),

changes AS (
    SELECT * FROM person_change_row()
),

sightings AS (
    SELECT student_no, id_no, name, sex, birth_date, snapshot_date AS seen_on,
        (1, snapshot_date, school_code, line_no) AS recency
    FROM roster
    UNION ALL
    SELECT student_no, id_no, name, NULL, NULL, change_date, (0, change_date, school_code, line_no)
    FROM changes
),

latest AS (
    SELECT
        student_no,
        arg_max(id_no, recency) FILTER (WHERE id_no IS NOT NULL) AS id_no,
        arg_max(name, recency) FILTER (WHERE name IS NOT NULL) AS name,
        arg_max(sex, recency) FILTER (WHERE sex IS NOT NULL) AS typed_sex,
        arg_max(birth_date, recency) FILTER (WHERE birth_date IS NOT NULL) AS typed_birth,
        max(seen_on) AS last_seen
    FROM sightings
    GROUP BY student_no
),

current_registration AS (
    SELECT r.student_no, r.school_code, r.status, r.grade
    FROM roster AS r
    JOIN status_code AS c ON c.key = r.status
    QUALIFY row_number() OVER (
        PARTITION BY r.student_no
        ORDER BY r.snapshot_date DESC, c.registered DESC NULLS LAST, r.school_code, r.line_no) = 1
),

resolved AS (
    SELECT
        l.*,
        regexp_full_match(coalesce(l.id_no, ''), '\d{17}[\dX]') AS has_resident_id
    FROM latest AS l
),

persons AS (
    SELECT
        r.student_no,
        r.id_no,
        r.name,
        CASE WHEN r.has_resident_id THEN id_sex(r.id_no) ELSE r.typed_sex END AS sex,
        CASE WHEN r.has_resident_id THEN id_birth_date(r.id_no)
            ELSE coalesce(r.typed_birth, student_no_birth_date(r.student_no)) END AS birth_date,
        CASE WHEN r.has_resident_id THEN origin_province(r.id_no[1:6]) END AS origin_province_code,
        c.school_code AS current_school_code,
        c.status AS current_status,
        c.grade AS current_grade,
        r.last_seen
    FROM resolved AS r
    LEFT JOIN current_registration AS c USING (student_no)
)

SELECT * FROM persons ORDER BY student_no
