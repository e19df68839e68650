// Opens a warehouse file, runs one query and closes it again, for tests that look at what a
// command left behind.
import { Warehouse } from '../../pipelines/common/warehouse.js';

export async function query<T = Record<string, unknown>>(db: string, sql: string): Promise<T[]> {
  const warehouse = await Warehouse.open(db);
  try {
    return await warehouse.all<T>(sql);
  } finally {
    warehouse.close();
  }
}
