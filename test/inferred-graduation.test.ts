// A last-grade student who is gone from the school's rosters the next school year, with no change
// recorded, graduated: the timeline gets an inferred 毕业 so graduation rates count them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { query } from './support/query.js';
import { registry, roster, student, writeTree } from './support/inbox-builder.js';
import { runCli, tempDir } from './support/temp.js';

const JUNIOR = { code: '4101050003', name: '金水一初', region: '410105', level: '初中' } as const;
const OTHER = { code: '4101050004', name: '金水二初', region: '410105', level: '初中' } as const;
const leaves = student('甲', '41010520090101001');
const stays = student('乙', '41010520100202002');
const moves = student('丙', '41010520090303003');

describe('graduation inferred from the rosters', () => {
  it('dates it 1 July for a grade-9 student gone the next year, and not for one who moved', async () => {
    const dir = tempDir();
    writeTree(join(dir, 'inbox'), {
      'schools.csv': registry([JUNIOR, OTHER]),
      [`${JUNIOR.code}_2023-09-15.csv`]: roster([[leaves, '九年级', '在读'], [stays, '八年级', '在读'], [moves, '九年级', '在读']]),
      [`${JUNIOR.code}_2024-03-15.csv`]: roster([[leaves, '九年级', '在读'], [stays, '八年级', '在读'], [moves, '九年级', '在读']]),
      [`${JUNIOR.code}_2024-09-15.csv`]: roster([[stays, '九年级', '在读']]),
      [`${OTHER.code}_2024-09-15.csv`]: roster([[moves, '九年级', '在读']]),
    });
    const db = join(dir, 'w.duckdb');
    expect(runCli(['run', '--inbox', join(dir, 'inbox'), '--db', db, '--out', join(dir, 'out')]).status).toBe(0);
    expect(await query(db, `SELECT student_no, school_code, event_date, status, is_inferred
      FROM status_event WHERE event_type = 'graduation' ORDER BY student_no`)).toEqual([
      { student_no: 'G' + leaves.id, school_code: JUNIOR.code, event_date: '2024-07-01', status: 'graduated', is_inferred: true },
    ]);
  });
});
