-- The person model: one row per person, keyed by the national student number. Attributes the
-- resident ID fixes (birth date, sex, origin) come from the ID; mutable ones (name, school,
-- status, grade) from the latest snapshot. Grain: one row per person.
WITH roster AS (
    SELECT student_no, id_no, name, sex, birth_date, school_code, status, grade, snapshot_date,
        file_id, line_no
    FROM roster_row
),

changes AS (
    SELECT student_no, id_no, name, NULL AS sex, NULL::DATE AS birth_date, school_code,
        NULL AS status, NULL::INTEGER AS grade, change_date AS snapshot_date, file_id, line_no
    FROM change_row
),

sightings AS (
    SELECT *, 1 AS from_roster FROM roster
    UNION ALL
    SELECT *, 0 FROM changes
),

latest AS (
    SELECT
        s.student_no,
        arg_max(s.id_no, s.snapshot_date) FILTER (WHERE s.id_no IS NOT NULL) AS id_no,
        arg_max(s.name, (s.from_roster, s.snapshot_date)) FILTER (WHERE s.name IS NOT NULL) AS name,
        arg_max(s.sex, s.snapshot_date) FILTER (WHERE s.sex IS NOT NULL) AS typed_sex,
        arg_max(s.birth_date, s.snapshot_date) FILTER (WHERE s.birth_date IS NOT NULL) AS typed_birth,
        max(s.snapshot_date) AS last_seen
    FROM sightings AS s
    GROUP BY s.student_no
),

current_registration AS (
    SELECT student_no, school_code, status, grade
    FROM roster_row AS r
    JOIN status_code AS c ON c.key = r.status
    QUALIFY row_number() OVER (
        PARTITION BY student_no
        ORDER BY snapshot_date DESC, c.registered DESC NULLS LAST, school_code) = 1
),

resident AS (
    SELECT
        *,
        regexp_full_match(coalesce(id_no, ''), '\d{17}[\dX]') AS has_resident_id
    FROM latest
)

SELECT
    r.student_no,
    r.id_no,
    r.name,
    CASE WHEN r.has_resident_id
        THEN CASE WHEN CAST(r.id_no[17] AS INTEGER) % 2 = 1 THEN 'M' ELSE 'F' END
        ELSE r.typed_sex END AS sex,
    CASE WHEN r.has_resident_id THEN CAST(strptime(r.id_no[7:14], '%Y%m%d') AS DATE)
        ELSE r.typed_birth END AS birth_date,
    CASE WHEN r.has_resident_id THEN origin_province(r.id_no[1:6]) END AS origin_province_code,
    c.school_code AS current_school_code,
    c.status AS current_status,
    c.grade AS current_grade,
    r.last_seen
FROM resident AS r
LEFT JOIN current_registration AS c USING (student_no)
ORDER BY r.student_no
