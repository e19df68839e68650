-- Every number a person has held: one row per number a person has held. Two student numbers are
-- one person when records show them with the same resident ID, or when a temporary L number was
-- replaced by a G number on strong evidence (rules.md §1.2): same school, same folded name, birth
-- date and sex, the L number last seen at the snapshot just before the G number is first seen,
-- and no other candidate on either side. The person's number is the G number first seen, else J,
-- else L. Resident IDs (and the 15-digit originals of widened ones) are listed with the person.
WITH RECURSIVE records AS (
    SELECT file_id, line_no, student_no, id_no, snapshot_date AS seen_on FROM roster_row
    UNION ALL
    SELECT file_id, line_no, student_no, id_no, change_date FROM change_row
),

numbers AS (
    SELECT
        student_no AS number,
        min(seen_on) AS first_seen,
        max(seen_on) AS last_seen,
        CASE student_no[1] WHEN 'G' THEN 1 WHEN 'J' THEN 2 ELSE 3 END AS kind_rank
    FROM records
    GROUP BY student_no
),

resident_ids AS (
    SELECT DISTINCT student_no AS number, id_no FROM records
    WHERE regexp_full_match(id_no, '\d{17}[\dX]')
),

shared_ids AS (
    SELECT a.number, b.number AS other
    FROM resident_ids AS a
    JOIN resident_ids AS b ON b.id_no = a.id_no AND b.number <> a.number
),

temporary_runs AS (
    SELECT
        r.student_no AS number,
        any_value(r.school_code) AS school_code,
        max(r.snapshot_date) AS last_seen,
        arg_max(k.name_key, r.snapshot_date) AS name_key,
        arg_max(r.sex, r.snapshot_date) FILTER (WHERE r.sex IS NOT NULL) AS sex,
        arg_max(r.birth_date, r.snapshot_date) FILTER (WHERE r.birth_date IS NOT NULL)
            AS typed_birth,
        student_no_birth_date(r.student_no) AS number_birth
    FROM roster_row AS r
    JOIN name_key AS k USING (name)
    WHERE r.student_no[1] = 'L'
    GROUP BY r.student_no
    HAVING count(DISTINCT r.school_code) = 1
),

permanent_starts AS (
    SELECT
        r.student_no AS number,
        arg_min(r.school_code, r.snapshot_date) AS school_code,
        min(r.snapshot_date) AS first_seen,
        arg_min(k.name_key, r.snapshot_date) AS name_key,
        id_birth_date(r.student_no[2:]) AS birth_date,
        id_sex(r.student_no[2:]) AS sex
    FROM roster_row AS r
    JOIN name_key AS k USING (name)
    WHERE r.student_no[1] = 'G'
    GROUP BY r.student_no
),

school_snapshots AS (
    SELECT DISTINCT school_code, snapshot_date FROM roster_row
),

temporary_ends AS (
    SELECT t.*, (
        SELECT min(s.snapshot_date) FROM school_snapshots AS s
        WHERE s.school_code = t.school_code AND s.snapshot_date > t.last_seen
    ) AS next_snapshot
    FROM temporary_runs AS t
),

candidates AS (
    SELECT t.number AS temporary_no, p.number AS student_no
    FROM temporary_ends AS t
    JOIN permanent_starts AS p
        ON p.school_code = t.school_code AND p.first_seen = t.next_snapshot
        AND p.name_key = t.name_key AND p.sex = t.sex AND p.birth_date = t.number_birth
        AND coalesce(t.typed_birth = p.birth_date, true)
),

links AS (
    SELECT * FROM candidates
    QUALIFY count(*) OVER (PARTITION BY temporary_no) = 1
        AND count(*) OVER (PARTITION BY student_no) = 1
),

edges AS (
    SELECT number, other FROM shared_ids
    UNION ALL
    SELECT temporary_no, student_no FROM links
    UNION ALL
    SELECT student_no, temporary_no FROM links
),

reach(number, member) AS (
    SELECT number, number FROM numbers
    UNION
    SELECT r.number, e.other FROM reach AS r JOIN edges AS e ON e.number = r.member
),

owners AS (
    SELECT r.number, arg_min(r.member, concat(n.kind_rank, n.first_seen, r.member)) AS student_no
    FROM reach AS r
    JOIN numbers AS n ON n.number = r.member
    GROUP BY r.number
),

student_numbers AS (
    SELECT
        o.student_no,
        o.number AS alias_no,
        CASE WHEN o.number[1] = 'L' THEN 'temporary_no' ELSE 'student_no' END AS alias_kind,
        CASE
            WHEN o.number = o.student_no THEN 'own'
            WHEN o.number IN (SELECT temporary_no FROM links) THEN 'temporary_replaced'
            ELSE 'same_id_no'
        END AS linked_by,
        n.first_seen,
        n.last_seen
    FROM owners AS o
    JOIN numbers AS n USING (number)
),

raw_ids AS (
    SELECT file_id, line_no, normalize_ident(id_no) AS typed_id FROM raw_roster
    UNION ALL
    SELECT file_id, line_no, normalize_ident(id_no) FROM raw_change
),

id_numbers AS (
    SELECT
        o.student_no,
        CASE WHEN kind = 'old_id_no' THEN w.typed_id ELSE r.id_no END AS alias_no,
        kind AS alias_kind,
        'listed_with' AS linked_by,
        min(r.seen_on) AS first_seen,
        max(r.seen_on) AS last_seen
    FROM records AS r
    JOIN owners AS o ON o.number = r.student_no
    LEFT JOIN raw_ids AS w USING (file_id, line_no)
    CROSS JOIN (VALUES ('id_no'), ('old_id_no')) AS k(kind)
    WHERE r.id_no IS NOT NULL
        AND (kind = 'id_no' OR regexp_full_match(w.typed_id, '\d{15}'))
    GROUP BY ALL
),

aliases AS (
    SELECT * FROM student_numbers
    UNION ALL
    SELECT * FROM id_numbers
)

SELECT * FROM aliases ORDER BY student_no, alias_kind, alias_no
