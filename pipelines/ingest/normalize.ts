// Turns the batch's raw rows into the model's rows: each kind's `*_checked` SQL normalises every
// value and names the first problem of a row; rows without one load, the others go to the
// quarantine with a message the clerk can act on. The registry goes first: grades need levels.

import { SCHOOL_LEVELS } from '../../models/codes.js';
import type { Settings } from '../common/settings.js';
import { readSql } from '../common/sql-files.js';
import type { Warehouse } from '../common/warehouse.js';
import { reasonRows } from './reasons.js';

export async function normalizeBatch(warehouse: Warehouse, settings: Settings): Promise<void> {
  await writeLookups(warehouse, settings);

  await warehouse.run(readSql('school_checked'), { levels: JSON.stringify(SCHOOL_LEVELS) });
  await warehouse.run(`INSERT OR REPLACE INTO school BY NAME
    SELECT school_code, school_name, region_code, province_code, prefecture_code, school_level,
      file_id, line_no
    FROM school_checked WHERE reason IS NULL
    QUALIFY row_number() OVER (PARTITION BY school_code ORDER BY line_no DESC) = 1`);
  await quarantine(warehouse, 'school_checked');

  await warehouse.run(readSql('roster_checked'));
  await warehouse.run(`INSERT INTO roster_row BY NAME
    SELECT * EXCLUDE (raw, reason, column_name, bad_value) FROM roster_checked WHERE reason IS NULL`);
  await quarantine(warehouse, 'roster_checked');

  await warehouse.run(readSql('change_checked'));
  await warehouse.run(`INSERT INTO change_row BY NAME
    SELECT * EXCLUDE (raw, reason, column_name, bad_value) FROM change_checked WHERE reason IS NULL`);
  await quarantine(warehouse, 'change_checked');

  await quarantineParseRejects(warehouse);
}

async function writeLookups(warehouse: Warehouse, settings: Settings): Promise<void> {
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE reason_text AS SELECT unnest(json_transform($rows::JSON,
      '[{"reason":"VARCHAR","zh":"VARCHAR","en":"VARCHAR"}]'), recursive := true)`,
    { rows: JSON.stringify(reasonRows()) },
  );
  const codes = Object.entries(settings.schoolChangeCodes).flatMap(([school, map]) =>
    Object.entries(map).map(([code, name]) => ({ school_code: school, code, change_name: name })),
  );
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE school_change_code AS SELECT unnest(json_transform($rows::JSON,
      '[{"school_code":"VARCHAR","code":"VARCHAR","change_name":"VARCHAR"}]'), recursive := true)`,
    { rows: JSON.stringify(codes) },
  );
}

// The message names the column as the file named it, so the clerk finds it in their sheet.
async function quarantine(warehouse: Warehouse, checked: string): Promise<void> {
  await warehouse.run(`INSERT INTO quarantine BY NAME
    SELECT c.file_id, c.line_no, c.column_name, c.reason,
      format_message(t.zh, h.header, c.column_name, c.bad_value, b.path, c.line_no) AS message,
      format_message(t.en, h.header, c.column_name, c.bad_value, b.path, c.line_no) AS message_en,
      c.raw
    FROM ${checked} AS c
    JOIN ingest_batch AS b USING (file_id)
    JOIN reason_text AS t USING (reason)
    LEFT JOIN batch_header AS h ON h.file_id = c.file_id AND h.column_name = c.column_name
    WHERE c.reason IS NOT NULL`);
}

async function quarantineParseRejects(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`INSERT INTO quarantine BY NAME
    SELECT r.file_id, r.line_no, NULL AS column_name, r.reason,
      format_message(t.zh, NULL, NULL, NULL, b.path, r.line_no) AS message,
      format_message(t.en, NULL, NULL, NULL, b.path, r.line_no) AS message_en,
      r.raw
    FROM parse_reject AS r
    JOIN ingest_batch AS b USING (file_id)
    JOIN reason_text AS t USING (reason)`);
}
