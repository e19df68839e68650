-- Roster records under the number of the person they belong to (a temporary L number's rows
-- under the person's G number): one row per loaded roster record. The flag rules read these, so
-- a person whose numbers were linked is judged on all of their registrations.
WITH resolved AS (
    SELECT * FROM person_roster_row()
)

SELECT * FROM resolved
