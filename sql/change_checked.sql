-- Status-change records of the files being ingested, normalised, each with the first reason it
-- cannot load (NULL when it loads). A change given by name wins over its code; a school's own
-- codes (settings) win over the standard ones. Grain: one row per raw change record of the batch.
CREATE OR REPLACE TEMP TABLE change_checked AS
WITH raw AS (
    SELECT r.*, b.school_code AS file_school_code, b.snapshot_date AS file_export_date
    FROM raw_change AS r
    JOIN ingest_batch AS b USING (file_id)
),

normalized AS (
    SELECT
        *,
        id_no_of(id_no, id_type) AS id_18,
        is_resident_id_type(id_type) AS is_resident_id,
        coalesce(normalize_ident(school_code), file_school_code) AS school,
        normalize_text(change_type) AS change_text,
        parse_cn_date(change_date) AS changed_on,
        parse_cn_date(filed_date) AS filed_on
    FROM raw
),

name_lookup AS (
    SELECT key, unnest(names) AS token FROM change_code
),

resolved AS (
    SELECT
        n.*,
        coalesce(
            (SELECT arg_max(l.key, length(l.token)) FROM name_lookup AS l
             WHERE contains(n.change_text, l.token)),
            (SELECT any_value(l.key) FROM school_change_code AS s JOIN name_lookup AS l
                ON l.token = s.change_name
             WHERE s.school_code = n.school AND s.code = n.change_text),
            (SELECT any_value(c.key) FROM change_code AS c
             WHERE c.code = lpad(n.change_text, 2, '0'))
        ) AS event_key
    FROM normalized AS n
),

identified AS (
    SELECT *, id_cell_problem(id_18, is_resident_id, file_export_date) AS id_reason
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
            WHEN id_reason IS NOT NULL THEN [id_reason, 'id_no', id_no]
            WHEN person_no IS NULL THEN ['missing_required', 'student_no', student_no]
            WHEN NOT is_student_no(person_no)
                THEN ['invalid_student_no', 'student_no', student_no]
            WHEN school IS NULL THEN ['missing_required', 'school_code', school_code]
            WHEN NOT regexp_full_match(school, '\d{10}')
                THEN ['invalid_school_code', 'school_code', school_code]
            WHEN change_text IS NULL THEN ['missing_required', 'change_type', change_type]
            WHEN event_key IS NULL THEN ['unknown_code', 'change_type', change_type]
            WHEN normalize_text(change_date) IS NULL THEN ['missing_required', 'change_date', change_date]
            WHEN changed_on IS NULL THEN ['invalid_date', 'change_date', change_date]
            WHEN normalize_text(filed_date) IS NOT NULL AND filed_on IS NULL
                THEN ['invalid_date', 'filed_date', filed_date]
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
    person_no AS student_no,
    id_18 AS id_no,
    CASE WHEN length(normalize_text(name)) <= 64 THEN normalize_text(name) END AS name,
    event_key AS event_type,
    changed_on AS change_date,
    filed_on AS filed_date,
    normalize_ident(from_school_code) AS from_school_code,
    normalize_ident(to_school_code) AS to_school_code,
    normalize_text(change_reason) AS change_reason,
    normalize_text(approval_no) AS approval_no
FROM checked
