-- Phantom registrations (人籍分离, 空挂学籍; rules.md §4.2): one row per candidate and exam year
-- whose registration in the exam province was marked registered-but-absent (在籍离校, presence 1)
-- in a senior-high snapshot. A 休学 status is not the signal; the presence column is.
WITH absent AS (
    SELECT
        c.student_no, c.exam_year, c.exam_province, c.exam_school_code,
        s.school_code, s.snapshot_date, s.grade, s.file_id, s.line_no
    FROM exam_candidate AS c
    JOIN senior_sighting AS s ON s.student_no = c.student_no
        AND s.province_code = c.exam_province
        AND s.presence = 1
        AND s.snapshot_date < c.cutoff
),

grouped AS (
    SELECT
        student_no, exam_year,
        any_value(exam_province) AS exam_province,
        any_value(exam_school_code) AS exam_school_code,
        list(struct_pack(school_code := a.school_code, date := a.snapshot_date, grade := a.grade,
            file := f.path, line := a.line_no) ORDER BY a.snapshot_date) AS snapshots
    FROM absent AS a
    LEFT JOIN ingest_file AS f USING (file_id)
    GROUP BY student_no, exam_year
),

result AS (
    SELECT
        'PHANTOM_REGISTRATION' AS rule, 'high' AS severity, student_no,
        exam_school_code AS school_code, exam_year, CAST(exam_year AS VARCHAR) AS subject,
        json_object('exam_province', exam_province, 'absent_snapshots', snapshots) AS evidence
    FROM grouped
)

SELECT * FROM result
