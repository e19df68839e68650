-- Senior-high registrations as the snapshots show them: one row per roster record of a person
-- registered in grades 10–12, with the school's province. The exam rules all read from it.
WITH sightings AS (
    SELECT
        r.student_no, r.school_code, r.snapshot_date, r.grade, r.presence, r.hukou_region,
        r.file_id, r.line_no, s.province_code
    FROM person_roster AS r
    JOIN status_code AS c ON c.key = r.status AND c.registered
    JOIN school AS s USING (school_code)
    WHERE r.grade BETWEEN 10 AND 12
)

SELECT * FROM sightings
