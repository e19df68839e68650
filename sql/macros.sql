-- Value normalisations of inputs.md §5 and the identifier checks of rules.md §1, as DuckDB macros
-- so the row work stays inside DuckDB. Each macro takes raw text and returns the canonical form,
-- or NULL when the text does not hold one; the checks return a reason code or NULL.

-- Identifiers: drop spaces, tabs and zero-width characters, a leading apostrophe and an ="…"
-- wrapper; fold full-width digits and letters; upper-case. Most values are plain ASCII already,
-- and take the short path: translate() is costly, so it runs only on text that needs it.
CREATE OR REPLACE TEMP MACRO fold_width(s) AS CASE
    WHEN regexp_matches(s, '[\x{FF10}-\x{FF5A}]') THEN translate(s,
        '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
        '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')
    ELSE s END;

CREATE OR REPLACE TEMP MACRO normalize_ident(s) AS nullif(upper(CASE
    WHEN regexp_full_match(s, '[0-9A-Za-z]*') THEN s
    ELSE fold_width(regexp_replace(
        regexp_replace(s, '[\s\x{200B}-\x{200D}\x{2028}\x{2029}\x{2060}\x{FEFF}\x{3000}]', '', 'g'),
        '^(?:=?"(.*)"|''(.*))$', '\1\2'))
    END), '');

-- Plain text values: trimmed (including the ideographic space), empty as NULL.
-- Control characters (a NUL, an escape sequence) never reach the warehouse.
CREATE OR REPLACE TEMP MACRO normalize_text(s) AS nullif(trim(
    regexp_replace(s, '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]', '', 'g'),
    chr(32) || chr(9) || chr(10) || chr(13) || chr(12288) || chr(65279) || chr(8232) || chr(8233)), '');

-- ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID. Written out term by
-- term: this runs on every ID of every file, and a list lambda is several times slower.
CREATE OR REPLACE TEMP MACRO id_check_char(s) AS
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][1 + (
        (ascii(s[1]) - 48) * 7 + (ascii(s[2]) - 48) * 9 + (ascii(s[3]) - 48) * 10 +
        (ascii(s[4]) - 48) * 5 + (ascii(s[5]) - 48) * 8 + (ascii(s[6]) - 48) * 4 +
        (ascii(s[7]) - 48) * 2 + (ascii(s[8]) - 48) * 1 + (ascii(s[9]) - 48) * 6 +
        (ascii(s[10]) - 48) * 3 + (ascii(s[11]) - 48) * 7 + (ascii(s[12]) - 48) * 9 +
        (ascii(s[13]) - 48) * 10 + (ascii(s[14]) - 48) * 5 + (ascii(s[15]) - 48) * 8 +
        (ascii(s[16]) - 48) * 4 + (ascii(s[17]) - 48) * 2
    ) % 11];

-- An old 15-digit ID widened to 18: `19` before the year, then the check character.
-- Macro arguments are pasted in wherever they are used: pass these macros a column, not another
-- macro's result, or nested calls multiply the query (the checks compute each step as a column).
CREATE OR REPLACE TEMP MACRO widen_id(s) AS CASE
    WHEN regexp_full_match(s, '\d{15}')
        THEN substr(s, 1, 6) || '19' || substr(s, 7) || id_check_char(substr(s, 1, 6) || '19' || substr(s, 7))
        ELSE s END;

-- A value a spreadsheet turned into a number: scientific notation, a `.0` tail, or an 18-digit
-- number whose last digits were zeroed (it then fails its check and ends in 000).
CREATE OR REPLACE TEMP MACRO is_mangled_id(s) AS
    regexp_full_match(s, '\d+(\.\d+)?E\+?\d+')
    OR regexp_full_match(s, '\d{15,18}\.0+')
    OR (regexp_full_match(s, '\d{18}') AND s[16:18] = '000' AND id_check_char(s) <> s[18]);

CREATE OR REPLACE TEMP MACRO is_province_code(p) AS p IN (
    '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
    '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
    '71', '81', '82');

-- Why a normalised resident ID is invalid (rules.md §1.1), or NULL when it is valid.
CREATE OR REPLACE TEMP MACRO id_problem(s, as_of) AS CASE
    WHEN is_mangled_id(s) THEN 'mangled_by_spreadsheet'
    WHEN NOT regexp_full_match(s, '\d{17}[\dX]') THEN 'invalid_id_length'
    WHEN NOT is_province_code(s[1:2]) THEN 'invalid_id_province'
    WHEN try_strptime(s[7:14], '%Y%m%d') IS NULL
        OR s[7:14] < '19000101' OR strftime(as_of, '%Y%m%d') < s[7:14] THEN 'invalid_id_birth_date'
    WHEN id_check_char(s) <> s[18] THEN 'invalid_id_checksum'
    END;

-- Dates as clerks type them. Day-first or month-first forms and two-digit years match nothing.
CREATE OR REPLACE TEMP MACRO parse_cn_date(s) AS CASE
    WHEN regexp_full_match(trim(s), '\d{5}(\.0+)?')
        THEN (DATE '1899-12-30' + CAST(CAST(trim(s) AS DOUBLE) AS INTEGER))
    WHEN regexp_full_match(trim(s), '\d{8}')
        THEN CAST(try_strptime(trim(s), '%Y%m%d') AS DATE)
    WHEN regexp_full_match(trim(s), '\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?')
        THEN CAST(try_strptime(regexp_replace(trim(s),
            '^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2}).*$', '\1-\2-\3'), '%Y-%m-%d') AS DATE)
    END;

-- Year-months: 2005-03, 200503, 2005年3月, 2005.3, or a full date; returned as 'YYYY-MM'.
CREATE OR REPLACE TEMP MACRO parse_year_month(s) AS CASE
    WHEN regexp_full_match(trim(s), '\d{4}([-/.年]\d{1,2}月?|\d{2})')
        THEN strftime(CAST(try_strptime(regexp_replace(trim(s),
            '^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$', '\1-\2\3-01'), '%Y-%m-%d') AS DATE), '%Y-%m')
    ELSE strftime(parse_cn_date(s), '%Y-%m')
    END;

CREATE OR REPLACE TEMP MACRO parse_sex(s) AS CASE upper(trim(s))
    WHEN '男' THEN 'M' WHEN '1' THEN 'M' WHEN 'M' THEN 'M' WHEN '男性' THEN 'M'
    WHEN '女' THEN 'F' WHEN '2' THEN 'F' WHEN 'F' THEN 'F' WHEN '女性' THEN 'F'
    END;

-- Grade names to 1–12. Numbers are left to the per-file decision (plain 1–12 or national codes).
CREATE OR REPLACE TEMP MACRO parse_grade_name(s) AS CASE regexp_replace(trim(s), '\s', '', 'g')
    WHEN '一年级' THEN 1 WHEN '二年级' THEN 2 WHEN '三年级' THEN 3 WHEN '四年级' THEN 4
    WHEN '五年级' THEN 5 WHEN '六年级' THEN 6 WHEN '七年级' THEN 7 WHEN '八年级' THEN 8
    WHEN '九年级' THEN 9 WHEN '初一' THEN 7 WHEN '初二' THEN 8 WHEN '初三' THEN 9
    WHEN '初四' THEN 9 WHEN '高一' THEN 10 WHEN '高二' THEN 11 WHEN '高三' THEN 12
    WHEN '初中一年级' THEN 7 WHEN '初中二年级' THEN 8 WHEN '初中三年级' THEN 9
    WHEN '高中一年级' THEN 10 WHEN '高中二年级' THEN 11 WHEN '高中三年级' THEN 12
    END;

-- National grade codes: 11–16 primary, 21–24 junior (24 is the fourth year of a 5-4 system's
-- junior high, its last), 31–33 senior.
CREATE OR REPLACE TEMP MACRO grade_from_code(n) AS CASE
    WHEN n BETWEEN 11 AND 16 THEN n - 10
    WHEN n BETWEEN 21 AND 23 THEN n - 14
    WHEN n = 24 THEN 9
    WHEN n BETWEEN 31 AND 33 THEN n - 21
    END;

CREATE OR REPLACE TEMP MACRO stage_of_grade(g) AS CASE
    WHEN g BETWEEN 1 AND 6 THEN 'primary' WHEN g BETWEEN 7 AND 9 THEN 'junior'
    WHEN g BETWEEN 10 AND 12 THEN 'senior' END;

CREATE OR REPLACE TEMP MACRO stage_rank(stage) AS
    CASE stage WHEN 'primary' THEN 1 WHEN 'junior' THEN 2 WHEN 'senior' THEN 3 END;

-- The school year a date falls in, named by the calendar year it starts (1 September).
CREATE OR REPLACE TEMP MACRO school_year_of(d) AS
    CASE WHEN month(d) >= 9 THEN year(d) ELSE year(d) - 1 END;

-- Transfer scope between two region codes (rules.md §3): county units administered directly by a
-- province (PP90CC) are each their own prefecture.
CREATE OR REPLACE TEMP MACRO prefecture_of(r) AS
    CASE WHEN r[3:4] = '90' THEN r ELSE r[1:4] END;

CREATE OR REPLACE TEMP MACRO transfer_scope(a, b) AS CASE
    WHEN a IS NULL OR b IS NULL THEN 'unknown'
    WHEN a = b THEN 'same_county'
    WHEN prefecture_of(a) = prefecture_of(b) THEN 'same_prefecture'
    WHEN a[1:2] = b[1:2] THEN 'same_province'
    ELSE 'cross_province' END;

-- A quarantine message: `path line N: ` and the reason's text with the column and value filled in.
CREATE OR REPLACE TEMP MACRO format_message(template, header, column_name, bad_value, path, line_no) AS
    path || ' line ' || line_no || ': ' || replace(replace(template,
        '{header}', coalesce(header, column_name, '')), '{value}', coalesce(bad_value, ''));

-- The identifier columns of a person record, shared by rosters and change logs. A file without an
-- id_type column holds resident IDs; only resident IDs are checked and widened to 18.
CREATE OR REPLACE TEMP MACRO is_resident_id_type(id_type) AS
    coalesce(normalize_ident(id_type), '1') IN ('1', '01', '居民身份证');

CREATE OR REPLACE TEMP MACRO id_no_of(id_no, id_type) AS CASE
    WHEN is_resident_id_type(id_type) THEN widen_id(normalize_ident(id_no))
    ELSE normalize_ident(id_no) END;

-- Why the (normalised) ID of a record cannot load, or NULL when it can (an empty cell can).
CREATE OR REPLACE TEMP MACRO id_cell_problem(id_18, is_resident, as_of) AS CASE
    WHEN is_resident AND id_18 IS NOT NULL
        THEN id_problem(id_18, coalesce(as_of, DATE '9999-12-31')) END;

-- The student number of a record: as exported, else G + its valid resident ID (rules.md §1.2).
CREATE OR REPLACE TEMP MACRO student_no_of(student_no, id_18, is_resident, id_reason) AS coalesce(
    normalize_ident(student_no),
    CASE WHEN is_resident AND id_reason IS NULL AND id_18 IS NOT NULL THEN 'G' || id_18 END);

-- A student number of its kind (rules.md §1.2): G and J + 18 characters built like a resident ID
-- (province, calendar birth date, check character), L + 18 digits: region, birth date, 4 digits.
CREATE OR REPLACE TEMP MACRO is_student_no(s) AS CASE
    WHEN regexp_full_match(s, '[GJ]\d{17}[\dX]') THEN id_problem(s[2:], DATE '9999-12-31') IS NULL
    WHEN regexp_full_match(s, 'L\d{18}') THEN is_province_code(s[2:3])
        AND try_strptime(s[8:15], '%Y%m%d') IS NOT NULL AND s[8:15] >= '19000101'
    ELSE false END;
