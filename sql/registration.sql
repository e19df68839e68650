-- Stays: one row per person per school per unbroken stay. A stay is the run of a person's
-- snapshots at one school; it breaks when the person is seen registered at another school in
-- between, or when a snapshot showed the registration ended. A stay starts at the 转入 or
-- admission that began it when one is recorded, else at its first snapshot.
WITH sightings AS (
    SELECT r.student_no, r.school_code, r.snapshot_date, r.grade, r.status, c.registered
    FROM roster_row AS r
    JOIN status_code AS c ON c.key = r.status
),

with_previous AS (
    SELECT
        *,
        lag(snapshot_date) OVER same_school AS previous_date,
        lag(registered) OVER same_school AS previous_registered
    FROM sightings
    WINDOW same_school AS (PARTITION BY student_no, school_code ORDER BY snapshot_date)
),

breaks AS (
    SELECT
        w.*,
        CASE
            WHEN w.previous_date IS NULL THEN 1
            WHEN NOT coalesce(w.previous_registered, true) AND w.registered THEN 1
            WHEN EXISTS (
                SELECT 1 FROM sightings AS o
                WHERE o.student_no = w.student_no AND o.school_code <> w.school_code
                    AND o.registered AND o.snapshot_date > w.previous_date
                    AND o.snapshot_date < w.snapshot_date) THEN 1
            ELSE 0
        END AS is_start
    FROM with_previous AS w
),

numbered AS (
    SELECT *, sum(is_start) OVER (
        PARTITION BY student_no, school_code ORDER BY snapshot_date) AS stay_no
    FROM breaks
),

stays AS (
    SELECT
        student_no,
        school_code,
        stay_no,
        min(snapshot_date) AS first_snapshot,
        max(snapshot_date) AS last_snapshot,
        arg_max(status, snapshot_date) AS last_status,
        arg_min(grade, snapshot_date) AS first_grade,
        arg_max(grade, snapshot_date) AS last_grade,
        count(*) AS snapshots
    FROM numbered
    GROUP BY ALL
),

starts AS (
    SELECT s.*, (
        SELECT min(e.change_date) FROM change_row AS e
        WHERE e.student_no = s.student_no AND e.school_code = s.school_code
            AND e.event_type IN ('transfer_in', 'admission', 'reinstate', 'admission_restored')
            AND e.change_date <= s.first_snapshot
            AND e.change_date > s.first_snapshot - INTERVAL 200 DAY
    ) AS recorded_start
    FROM stays AS s
),

ends AS (
    SELECT s.*, (
        SELECT arg_min(struct_pack(d := e.change_date, t := e.event_type), e.change_date) FROM change_row AS e
        WHERE e.student_no = s.student_no AND e.school_code = s.school_code
            AND e.event_type IN ('transfer_out', 'withdraw', 'expel', 'cancel', 'death',
                'graduation', 'completion', 'incomplete', 'admission_cancelled')
            AND e.change_date >= s.last_snapshot
            AND e.change_date < s.last_snapshot + INTERVAL 200 DAY
    ) AS recorded_end
    FROM starts AS s
)

SELECT
    e.student_no,
    e.school_code,
    coalesce(stage_of_grade(e.last_grade), CASE sc.school_level
        WHEN 'senior' THEN 'senior' WHEN 'primary' THEN 'primary' ELSE 'junior' END) AS stage,
    coalesce(e.recorded_start, e.first_snapshot) AS start_date,
    coalesce(e.recorded_end.d, e.last_snapshot) AS end_date,
    coalesce(e.recorded_end.t, e.last_status) AS end_status,
    e.first_grade,
    e.last_grade,
    e.snapshots
FROM ends AS e
LEFT JOIN school AS sc USING (school_code)
ORDER BY e.student_no, start_date, e.school_code
