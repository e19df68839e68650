-- Names as compared, one row per distinct name as exported: the name's text folded
-- (fold_name_text), then each traditional or variant Han character replaced by its simplified
-- form (han_variant), so 張三, 张 三 and 张三 share one key. Built per run as a temp table.
WITH names AS (
    SELECT name FROM roster_row WHERE name IS NOT NULL
    UNION
    SELECT name FROM change_row WHERE name IS NOT NULL
),

characters AS (
    SELECT
        name,
        unnest(string_split(fold_name_text(name), '')) AS character,
        generate_subscripts(string_split(fold_name_text(name), ''), 1) AS position
    FROM names
),

folded AS (
    SELECT
        c.name,
        string_agg(coalesce(v.simplified, c.character), '' ORDER BY c.position) AS name_key
    FROM characters AS c
    LEFT JOIN han_variant AS v ON v.variant = c.character
    GROUP BY c.name
)

SELECT n.name, coalesce(f.name_key, '') AS name_key
FROM names AS n
LEFT JOIN folded AS f USING (name)
