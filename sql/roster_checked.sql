-- Roster records of the files being ingested, normalised, each with the first reason it cannot
-- load (NULL when it loads). Grain: one row per raw roster record of the batch.
CREATE OR REPLACE TEMP TABLE roster_checked AS
WITH raw AS (
    SELECT r.*, b.school_code AS file_school_code, b.snapshot_date AS file_snapshot_date
    FROM raw_roster AS r
    JOIN ingest_batch AS b USING (file_id)
),

normalized AS (
    SELECT
        *,
        id_no_of(id_no, id_type) AS id_18,
        is_resident_id_type(id_type) AS is_resident_id,
        coalesce(normalize_ident(school_code), file_school_code) AS school,
        coalesce(parse_cn_date(snapshot_date), file_snapshot_date) AS snapshot,
        normalize_text(name) AS person_name,
        parse_sex(sex) AS sex_key,
        parse_cn_date(birth_date) AS birth,
        parse_year_month(entry_ym) AS entry,
        normalize_text(status) AS status_text,
        normalize_text(grade) AS grade_text,
        try_cast(normalize_ident(presence) AS INTEGER) AS presence_code,
        normalize_text(presence) AS presence_text
    FROM raw
),

status_names AS (
    SELECT key, unnest(names) AS token FROM status_code
),

grade_mode AS (
    SELECT
        n.file_id,
        CASE
            WHEN bool_or(g BETWEEN 1 AND 10) THEN 'plain'
            WHEN NOT bool_and(grade_from_code(g) IS NOT NULL) THEN 'plain'
            WHEN bool_and(g IN (11, 12)) THEN CASE any_value(s.school_level)
                WHEN 'senior' THEN 'plain'
                WHEN 'junior' THEN 'code'
                WHEN 'primary' THEN 'code'
                ELSE 'ambiguous' END
            ELSE 'code'
        END AS mode
    FROM (SELECT file_id, school, try_cast(grade_text AS INTEGER) AS g FROM normalized) AS n
    LEFT JOIN school AS s ON s.school_code = n.school
    WHERE g IS NOT NULL
    GROUP BY n.file_id
),

resolved AS (
    SELECT
        n.*,
        coalesce(by_name.key, by_code.key) AS status_key,
        coalesce(parse_grade_name(n.grade_text), CASE m.mode
            WHEN 'plain' THEN CASE WHEN try_cast(n.grade_text AS INTEGER) BETWEEN 1 AND 12
                THEN try_cast(n.grade_text AS INTEGER) END
            WHEN 'code' THEN grade_from_code(try_cast(n.grade_text AS INTEGER))
        END) AS grade_no,
        m.mode AS grade_mode
    FROM normalized AS n
    LEFT JOIN grade_mode AS m USING (file_id)
    LEFT JOIN status_names AS by_name ON by_name.token = n.status_text
    LEFT JOIN status_code AS by_code ON by_code.code = lpad(n.status_text, 2, '0')
),

identified AS (
    SELECT *, id_cell_problem(id_18, is_resident_id, snapshot) AS id_reason
    FROM resolved
),

numbered AS (
    SELECT *, student_no_of(student_no, id_18, is_resident_id, id_reason) AS person_no
    FROM identified
),

checked AS (
    SELECT
        *,
        CASE
            WHEN person_name IS NULL THEN ['missing_required', 'name', name]
            WHEN length(person_name) > 64 THEN ['value_too_long', 'name', person_name[1:16] || '…']
            WHEN id_reason IS NOT NULL THEN [id_reason, 'id_no', id_no]
            WHEN person_no IS NULL THEN ['missing_required', 'student_no', student_no]
            WHEN NOT is_student_no(person_no)
                THEN ['invalid_student_no', 'student_no', student_no]
            WHEN school IS NULL THEN ['missing_required', 'school_code', school_code]
            WHEN NOT regexp_full_match(school, '\d{10}')
                THEN ['invalid_school_code', 'school_code', school_code]
            WHEN snapshot IS NULL THEN ['invalid_date', 'snapshot_date', snapshot_date]
            WHEN status_text IS NULL THEN ['missing_required', 'status', status]
            WHEN status_key IS NULL THEN ['unknown_code', 'status', status]
            WHEN birth_date IS NOT NULL AND birth IS NULL AND normalize_text(birth_date) IS NOT NULL
                THEN ['invalid_date', 'birth_date', birth_date]
            WHEN normalize_text(entry_ym) IS NOT NULL AND entry IS NULL
                THEN ['invalid_date', 'entry_ym', entry_ym]
            WHEN grade_text IS NOT NULL AND grade_no IS NULL AND grade_mode = 'ambiguous'
                THEN ['ambiguous_grade_codes', 'grade', grade]
            WHEN grade_text IS NOT NULL AND grade_no IS NULL THEN ['unknown_code', 'grade', grade]
            WHEN normalize_text(sex) IS NOT NULL AND sex_key IS NULL
                THEN ['unknown_code', 'sex', sex]
        END AS problem
    FROM numbered
)

SELECT
    file_id,
    line_no,
    raw,
    problem[1] AS reason,
    problem[2] AS column_name,
    problem[3] AS bad_value,
    school AS school_code,
    snapshot AS snapshot_date,
    person_no AS student_no,
    id_18 AS id_no,
    person_name AS name,
    sex_key AS sex,
    birth AS birth_date,
    grade_no AS grade,
    status_key AS status,
    coalesce(CASE WHEN presence_code BETWEEN 0 AND 3 THEN presence_code END,
        list_position(['在籍在校', '在籍离校', '在校不在籍', '不在籍不在校'], presence_text) - 1) AS presence,
    normalize_ident(hukou_region) AS hukou_region,
    entry AS entry_ym,
    normalize_text(class) AS class
FROM checked
