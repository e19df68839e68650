-- Every number a person has held: one row per number a person has held, the student number
-- itself and each resident ID seen with it.
WITH numbers AS (
    SELECT student_no, student_no AS alias_no, 'student_no' AS alias_kind FROM roster_row
    UNION
    SELECT student_no, student_no, 'student_no' FROM change_row
    UNION
    SELECT student_no, id_no, 'id_no' FROM roster_row WHERE id_no IS NOT NULL
    UNION
    SELECT student_no, id_no, 'id_no' FROM change_row WHERE id_no IS NOT NULL
)

SELECT * FROM numbers ORDER BY student_no, alias_kind, alias_no
