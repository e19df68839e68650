-- What the person model's SQL shares (rules.md §1, §3): regions through the `region` table,
-- what IDs and student numbers encode, names folded for comparison, the change a status change
-- implies, and every loaded record under the number of the person it belongs to (person_alias).
-- Loaded after macros.sql.

-- The province an address code belongs to today: the code's own row, else its prefecture's, else
-- its province's. Retired codes keep their row; Chongqing's 5102… codes resolve to 50.
CREATE OR REPLACE TEMP MACRO origin_province(address_code) AS coalesce(
    (SELECT province_code FROM region WHERE region_code = address_code),
    (SELECT province_code FROM region WHERE region_code = address_code[1:4] || '00'),
    (SELECT province_code FROM region WHERE region_code = address_code[1:2] || '0000'));

CREATE OR REPLACE TEMP MACRO is_known_region(address_code) AS
    EXISTS (SELECT 1 FROM region WHERE region_code = address_code);

-- What the 18 characters of a resident ID say about its holder.
CREATE OR REPLACE TEMP MACRO id_birth_date(id) AS CASE
    WHEN regexp_full_match(id, '\d{17}[\dX]') THEN CAST(try_strptime(id[7:14], '%Y%m%d') AS DATE)
    END;

CREATE OR REPLACE TEMP MACRO id_sex(id) AS
    CASE WHEN regexp_full_match(id, '\d{17}[\dX]')
        THEN CASE WHEN CAST(id[17] AS INTEGER) % 2 = 1 THEN 'M' ELSE 'F' END END;

-- The birth date inside a J number (like an ID) or an L number (region, date, 4 digits).
CREATE OR REPLACE TEMP MACRO student_no_birth_date(s) AS CASE
    WHEN regexp_full_match(s, '[JL]\d{14}.*') THEN CAST(try_strptime(s[8:15], '%Y%m%d') AS DATE)
    END;

-- A name folded for comparison, before its Han characters are (sql/name_key.sql): spaces and
-- zero-width characters dropped, full-width forms folded, the dots of transliterated names
-- (买买提·艾力) unified, Latin letters upper-cased.
CREATE OR REPLACE TEMP MACRO fold_name_text(s) AS upper(translate(
    regexp_replace(s, '[\s\x{200B}-\x{200D}\x{2060}\x{FEFF}\x{3000}\x{00A0}]', '', 'g'),
    '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～•・‧･.',
    '!"#$%&''()*+,-·/0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~·····'));

-- Every loaded record under its person's number; `listed_no` keeps the number the file gave.
CREATE OR REPLACE TEMP MACRO person_roster_row() AS TABLE
    SELECT
        r.* REPLACE (coalesce(a.student_no, r.student_no) AS student_no),
        r.student_no AS listed_no
    FROM roster_row AS r
    LEFT JOIN person_alias AS a
        ON a.alias_no = r.student_no AND a.alias_kind IN ('student_no', 'temporary_no');

CREATE OR REPLACE TEMP MACRO person_change_row() AS TABLE
    SELECT
        c.* REPLACE (coalesce(a.student_no, c.student_no) AS student_no),
        c.student_no AS listed_no
    FROM change_row AS c
    LEFT JOIN person_alias AS a
        ON a.alias_no = c.student_no AND a.alias_kind IN ('student_no', 'temporary_no');

-- The change implied when a person's status at one school goes from one status to another
-- between two snapshots, or NULL when no change type says it (rules.md §3).
CREATE OR REPLACE TEMP MACRO change_between(previous_status, status) AS CASE
    WHEN status = previous_status THEN NULL
    WHEN status = 'suspended' THEN 'suspend'
    WHEN status IN ('studying', 'resumed') THEN CASE
        WHEN previous_status = 'suspended' THEN 'resume'
        WHEN previous_status = 'admission_held' THEN 'admission_restored'
        WHEN previous_status IN ('withdrawn', 'cancelled', 'expelled', 'dropped_out') THEN 'reinstate'
        WHEN previous_status IN ('graduated', 'completed', 'incomplete') THEN 'admission'
        WHEN previous_status = 'transferred_out' THEN 'transfer_in'
        END
    WHEN status = 'withdrawn' THEN 'withdraw'
    WHEN status = 'cancelled' THEN 'cancel'
    WHEN status = 'expelled' THEN 'expel'
    WHEN status = 'deceased' THEN 'death'
    WHEN status = 'graduated' THEN 'graduation'
    WHEN status = 'completed' THEN 'completion'
    WHEN status = 'incomplete' THEN 'incomplete'
    WHEN status = 'transferred_out' THEN 'transfer_out'
    WHEN status = 'admission_held' THEN 'admission_held'
    END;

-- A change that ends a registration: one that leaves a status not counted as registered
-- (转出, 退学, 取消学籍, 开除学籍, 死亡, 毕业, …).
CREATE OR REPLACE TEMP MACRO is_ending_change(change_key) AS change_key IN (
    SELECT c.key FROM change_code AS c
    JOIN status_code AS s ON s.key = c.status_after
    WHERE NOT s.registered);
