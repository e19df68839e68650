-- Stays: one row per person per school per unbroken stay. A stay is a run of a person's registered
-- snapshots at one school and stage; it breaks when a snapshot there shows the registration ended,
-- when the person is seen registered at another school in between, or when the stage changes.
-- It starts at the 转入, admission or restoration recorded since the school's previous snapshot,
-- else at its first snapshot (a start some ending change followed belongs to an earlier stay no
-- snapshot saw), and ends at the first ending change recorded up to the school's next snapshot,
-- else at its last snapshot. A stay first seen in a snapshot began
-- with an inferred change: a transfer_in when it follows, without overlap, a stay in the same stage
-- at another school that no cancellation, death or graduation ended; else an admission.
WITH sightings AS (
    SELECT r.student_no, r.school_code, r.snapshot_date, r.grade, r.status,
        coalesce(c.registered, false) AS registered, stage_of_grade(r.grade) AS stage
    FROM person_roster_row() AS r
    JOIN status_code AS c ON c.key = r.status
    QUALIFY row_number() OVER (PARTITION BY r.student_no, r.school_code, r.snapshot_date
        ORDER BY coalesce(c.registered, false) DESC, r.file_id, r.line_no) = 1
),

school_snapshots AS (
    SELECT DISTINCT school_code, snapshot_date FROM roster_row
),

changes AS (
    SELECT c.*, k.status_after FROM person_change_row() AS c
    JOIN change_code AS k ON k.key = c.event_type
),

with_previous AS (
    SELECT
        *,
        lag(snapshot_date) OVER same_school AS previous_date,
        lag(registered) OVER same_school AS previous_registered,
        lag(status) OVER same_school AS previous_status,
        lag(stage) OVER same_school AS previous_stage
    FROM sightings
    WINDOW same_school AS (PARTITION BY student_no, school_code ORDER BY snapshot_date)
),

registered AS (
    SELECT w.*, CASE
        WHEN w.previous_date IS NULL OR NOT w.previous_registered THEN 1
        WHEN w.stage <> w.previous_stage THEN 1
        WHEN EXISTS (
            SELECT 1 FROM sightings AS o
            WHERE o.student_no = w.student_no AND o.school_code <> w.school_code
                AND o.registered AND o.snapshot_date > w.previous_date
                AND o.snapshot_date < w.snapshot_date) THEN 1
        ELSE 0
    END AS is_start
    FROM with_previous AS w
    WHERE w.registered
),

stays AS (
    SELECT
        student_no, school_code, stay_no,
        min(snapshot_date) AS first_snapshot,
        max(snapshot_date) AS last_snapshot,
        arg_min(CASE WHEN NOT coalesce(previous_registered, true) THEN previous_status END,
            snapshot_date) AS status_before,
        arg_min(status, snapshot_date) AS first_status,
        arg_max(status, snapshot_date) AS last_status,
        arg_min(grade, snapshot_date) AS first_grade,
        arg_max(grade, snapshot_date) AS last_grade,
        count(*) AS snapshots
    FROM (SELECT *, sum(is_start) OVER (PARTITION BY student_no, school_code
        ORDER BY snapshot_date) AS stay_no FROM registered)
    GROUP BY ALL
),

bounds AS (
    SELECT s.*,
        (SELECT max(d.snapshot_date) FROM school_snapshots AS d
         WHERE d.school_code = s.school_code AND d.snapshot_date < s.first_snapshot)
            AS previous_snapshot,
        (SELECT min(d.snapshot_date) FROM school_snapshots AS d
         WHERE d.school_code = s.school_code AND d.snapshot_date > s.last_snapshot)
            AS next_snapshot
    FROM stays AS s
),

recorded AS (
    SELECT b.*,
        (SELECT arg_min(struct_pack(d := e.change_date, change := e.event_type), e.change_date)
         FROM changes AS e
         WHERE e.student_no = b.student_no AND e.school_code = b.school_code
            AND e.event_type IN ('transfer_in', 'admission', 'reinstate', 'admission_restored')
            AND e.change_date <= b.first_snapshot
            AND e.change_date > coalesce(b.previous_snapshot, b.first_snapshot - INTERVAL 366 DAY)
            AND NOT EXISTS (
                SELECT 1 FROM changes AS x
                WHERE x.student_no = e.student_no AND x.school_code = e.school_code
                    AND is_ending_change(x.event_type)
                    AND x.change_date > e.change_date AND x.change_date < b.first_snapshot)
        ) AS recorded_start,
        (SELECT arg_min(struct_pack(d := e.change_date, status := e.status_after), e.change_date)
         FROM changes AS e
         WHERE e.student_no = b.student_no AND e.school_code = b.school_code
            AND is_ending_change(e.event_type)
            AND e.change_date >= b.last_snapshot
            AND e.change_date <= coalesce(b.next_snapshot, b.last_snapshot + INTERVAL 366 DAY)
        ) AS recorded_end,
        (SELECT any_value(w.status) FROM sightings AS w
         WHERE w.student_no = b.student_no AND w.school_code = b.school_code
            AND w.snapshot_date = b.next_snapshot AND NOT w.registered) AS shown_after
    FROM bounds AS b
),

dated AS (
    SELECT
        r.student_no,
        r.school_code,
        coalesce(stage_of_grade(r.last_grade), CASE sc.school_level
            WHEN 'senior' THEN 'senior' WHEN 'primary' THEN 'primary' ELSE 'junior' END) AS stage,
        coalesce(r.recorded_start.d, r.first_snapshot) AS start_date,
        coalesce(r.recorded_end.d, r.last_snapshot) AS end_date,
        coalesce(r.recorded_end.status, r.shown_after, r.last_status) AS end_status,
        r.recorded_start.change AS recorded_change,
        change_between(r.status_before, r.first_status) AS snapshot_change,
        r.first_grade,
        r.last_grade,
        r.snapshots
    FROM recorded AS r
    LEFT JOIN school AS sc USING (school_code)
),

ordered AS (
    SELECT d.*,
        lag(d.school_code) OVER person_stays AS previous_school,
        lag(d.stage) OVER person_stays AS previous_stage,
        lag(d.end_date) OVER person_stays AS previous_end,
        lag(d.end_status) OVER person_stays AS previous_end_status
    FROM dated AS d
    WINDOW person_stays AS (PARTITION BY d.student_no ORDER BY d.start_date, d.school_code)
),

began AS (
    SELECT o.*,
        coalesce(o.recorded_change, o.snapshot_change, CASE
            WHEN o.previous_school <> o.school_code AND o.previous_stage = o.stage
                AND o.previous_end <= o.start_date
                AND (p.registered OR o.previous_end_status = 'transferred_out') THEN 'transfer_in'
            ELSE 'admission' END) AS start_change,
        o.recorded_change IS NULL AS start_inferred
    FROM ordered AS o
    LEFT JOIN status_code AS p ON p.key = o.previous_end_status
)

SELECT
    student_no, school_code, stage, start_date, end_date, end_status, start_change,
    start_inferred, first_grade, last_grade, snapshots
FROM began
ORDER BY student_no, start_date, school_code
