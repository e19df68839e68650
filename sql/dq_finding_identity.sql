-- Data-quality findings about who a person is (rules.md §4.3), one row per finding: typed birth
-- dates and sexes against the resident ID, G numbers whose body is not the ID beside them, ID
-- address codes no revision of GB/T 2260 lists, and names (and, for persons without an ID, birth
-- dates) that still differ once normalised. One finding per person, school and disagreeing value:
-- it points at the first record showing the value; `detail` holds both values and both sources.
WITH sources AS (
    SELECT student_no, listed_no, school_code, id_no, name, sex, birth_date, file_id, line_no,
        (1, snapshot_date, school_code, line_no) AS recency
    FROM person_roster_row()
    UNION ALL
    SELECT student_no, listed_no, school_code, id_no, name, NULL, NULL, file_id, line_no,
        (0, change_date, school_code, line_no)
    FROM person_change_row()
),

records AS MATERIALIZED (
    SELECT s.*, k.name_key FROM sources AS s LEFT JOIN name_key AS k USING (name)
),

survivors AS (
    SELECT
        r.student_no,
        arg_max(struct_pack(file_id := r.file_id, line_no := r.line_no), r.recency)
            FILTER (WHERE r.id_no = p.id_no) AS id_source,
        arg_max(struct_pack(name := r.name, name_key := r.name_key, file_id := r.file_id,
            line_no := r.line_no), r.recency) FILTER (WHERE r.name IS NOT NULL) AS name_source,
        arg_max(struct_pack(file_id := r.file_id, line_no := r.line_no), r.recency)
            FILTER (WHERE r.birth_date IS NOT NULL) AS birth_source,
        any_value(p.id_no) AS id_no,
        any_value(p.birth_date) AS birth_date,
        regexp_full_match(coalesce(any_value(p.id_no), ''), '\d{17}[\dX]') AS has_resident_id
    FROM records AS r
    JOIN person AS p USING (student_no)
    GROUP BY r.student_no
),

checked AS (
    SELECT r.*, s.id_source, s.name_source, s.birth_source, s.has_resident_id,
        s.birth_date AS surviving_birth,
        CASE WHEN regexp_full_match(r.id_no, '\d{17}[\dX]') THEN r.id_no ELSE s.id_no END
            AS id_used,
        CASE WHEN regexp_full_match(r.id_no, '\d{17}[\dX]')
            THEN struct_pack(file_id := r.file_id, line_no := r.line_no) ELSE s.id_source END
            AS id_used_source
    FROM records AS r
    JOIN survivors AS s USING (student_no)
),

disagreements AS (
    SELECT 'id_birth_date_mismatch' AS finding, 'info' AS severity, *, 'birth_date' AS attribute,
        birth_date::VARCHAR AS value, id_birth_date(id_used)::VARCHAR AS other_value,
        'id_no' AS other_from, id_used_source AS other_source
    FROM checked
    WHERE has_resident_id AND birth_date <> id_birth_date(id_used)
    UNION ALL
    SELECT 'id_sex_mismatch', 'info', *, 'sex', sex, id_sex(id_used), 'id_no', id_used_source
    FROM checked
    WHERE has_resident_id AND sex <> id_sex(id_used)
    UNION ALL
    SELECT 'student_no_id_mismatch', 'warning', *, 'student_no', listed_no, id_no, 'id_no',
        struct_pack(file_id := file_id, line_no := line_no)
    FROM checked
    WHERE listed_no[1] = 'G' AND regexp_full_match(id_no, '\d{17}[\dX]') AND listed_no[2:] <> id_no
    UNION ALL
    SELECT 'conflicting_attributes', 'info', *, 'name', name, name_source.name, 'name',
        struct_pack(file_id := name_source.file_id, line_no := name_source.line_no)
    FROM checked
    WHERE name_key <> name_source.name_key
    UNION ALL
    SELECT 'conflicting_attributes', 'info', *, 'birth_date', birth_date::VARCHAR,
        surviving_birth::VARCHAR, 'birth_date', birth_source
    FROM checked
    WHERE NOT has_resident_id AND birth_date <> surviving_birth
),

grouped AS (
    SELECT
        finding, severity, student_no, school_code, attribute, value,
        arg_min(file_id, recency) AS file_id,
        arg_min(line_no, recency) AS line_no,
        arg_min(struct_pack(other_value := other_value, other_from := other_from,
            other_source := other_source), recency) AS other,
        count(*) AS records
    FROM disagreements
    GROUP BY ALL
),

unknown_regions AS (
    SELECT
        'unknown_region' AS finding, 'info' AS severity, s.student_no, r.school_code,
        'id_no' AS attribute, s.id_no[1:6] AS value, r.file_id, r.line_no,
        struct_pack(other_value := coalesce(c.region_code, v.region_code),
            other_from := 'region',
            other_source := NULL::STRUCT(file_id VARCHAR, line_no INTEGER)) AS other,
        1 AS records
    FROM survivors AS s
    JOIN records AS r ON r.file_id = s.id_source.file_id AND r.line_no = s.id_source.line_no
    LEFT JOIN region AS c ON c.region_code = s.id_no[1:4] || '00'
    LEFT JOIN region AS v ON v.region_code = s.id_no[1:2] || '0000'
    WHERE s.has_resident_id AND NOT is_known_region(s.id_no[1:6])
),

findings AS (
    SELECT * FROM grouped
    UNION ALL
    SELECT * FROM unknown_regions
)

SELECT
    f.school_code,
    f.student_no,
    f.finding,
    f.severity,
    f.file_id,
    f.line_no,
    json_object(
        'attribute', f.attribute, 'value', f.value,
        'source', json_object('file', a.path, 'line', f.line_no),
        'other_value', f.other.other_value, 'other_from', f.other.other_from,
        'other_source', CASE WHEN f.other.other_source IS NOT NULL THEN json_object(
            'file', b.path, 'line', f.other.other_source.line_no) END,
        'records', f.records)::VARCHAR AS detail
FROM findings AS f
LEFT JOIN ingest_file AS a ON a.file_id = f.file_id
LEFT JOIN ingest_file AS b ON b.file_id = f.other.other_source.file_id
ORDER BY f.school_code, f.student_no, f.finding, f.value
