// The commands of `xueji` (outputs.md §1), one yargs module each: its options, then a handler
// that opens the warehouse, runs its stage inside a recorded run where it changes the warehouse,
// and closes it. Heavy parts (the report's DOM and charts, the generator) load only when used.

import type { Argv, CommandModule } from 'yargs';
import { usageError } from './common/errors.js';
import { createLogger, defaultLogFormat, type Logger, type LogFormat } from './common/logger.js';
import { readSettings } from './common/settings.js';
import { Warehouse } from './common/warehouse.js';
import { runFlag } from './flag/flag.js';
import { writeIdLookups } from './identity/id-lookup.js';
import { isCalendarDate } from './ingest/inbox.js';
import { runIngest } from './ingest/ingest.js';
import { writePerson } from './person/person-timeline.js';
import { runReconcile } from './reconcile/reconcile.js';
import type { ReportOptions } from './report/report.js';
import { latestSnapshotDate } from './run/pipeline-run.js';
import { ingestCounts, runJob, withRun } from './run/run.js';
import { formatStatus, readStatus } from './status/status.js';

export interface GlobalArgs {
  db: string;
  'log-format'?: LogFormat;
}

type Args<T> = GlobalArgs & T;
type Command<T> = CommandModule<GlobalArgs, Args<T>>;

const configOption = {
  type: 'string', describe: 'settings file (JSON), see docs/settings.md',
} as const;
const asOfOption = {
  type: 'string', describe: 'as-of date YYYY-MM-DD (default: latest snapshot loaded)',
} as const;
const inboxOption = {
  type: 'string', default: './inbox', describe: 'folder of school exports',
} as const;

function withReportOptions<T>(y: Argv<T>) {
  return y
    .option('out', { type: 'string', default: './out', describe: 'folder for the reports' })
    .option('region', { type: 'string', describe: 'only schools in this GB/T 2260 region' })
    .option('locale', { choices: ['zh-CN', 'en'] as const, default: 'zh-CN' as const })
    .option('unmask', {
      type: 'boolean', default: false, describe: 'show full student and ID numbers',
    });
}

type ReportArgs = { out: string; region?: string; locale: 'zh-CN' | 'en'; unmask: boolean };

function reportOptions(args: ReportArgs): Omit<ReportOptions, 'asOf'> {
  const { out, locale, unmask, region } = args;
  return { out, locale, unmask, ...(region ? { region } : {}) };
}

async function withWarehouse(
  args: GlobalArgs,
  work: (w: Warehouse, log: Logger) => Promise<unknown>,
) {
  const logger = createLogger(args['log-format'] ?? defaultLogFormat());
  const warehouse = await Warehouse.open(args.db);
  try {
    await work(warehouse, logger);
  } finally {
    warehouse.close();
  }
}

function parseAsOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) {
    throw usageError(`--as-of "${value}" is not a date; write it as YYYY-MM-DD`);
  }
  return value;
}

const run: Command<ReportArgs & { inbox: string; 'as-of'?: string; config?: string }> = {
  command: 'run',
  describe: 'the scheduled job: ingest, reconcile, flag, report',
  builder: (y) => withReportOptions(
    y.option('inbox', inboxOption).option('as-of', asOfOption).option('config', configOption),
  ),
  handler: (args) => {
    const options = {
      inbox: args.inbox,
      asOf: parseAsOf(args['as-of']),
      settings: readSettings(args.config),
      report: reportOptions(args),
    };
    return withWarehouse(args, (w, log) => runJob(w, options, log));
  },
};

const ingest: Command<{ inbox: string; 'as-of'?: string; config?: string }> = {
  command: 'ingest',
  describe: 'only ingest new files from the inbox',
  builder: (y) => y
    .option('inbox', inboxOption)
    .option('as-of', asOfOption)
    .option('config', configOption),
  handler: (args) => {
    const asOf = parseAsOf(args['as-of']);
    const options = { inbox: args.inbox, asOf, settings: readSettings(args.config) };
    return withWarehouse(args, (w, log) => withRun(w, 'ingest', async (runId, counts) => {
      Object.assign(counts, ingestCounts(await runIngest(w, { ...options, runId }, log)));
    }));
  },
};

const reconcile: Command<{ config?: string }> = {
  command: 'reconcile',
  describe: 'rebuild the person model from what is loaded',
  builder: (y) => y.option('config', configOption),
  handler: (args) => {
    const settings = readSettings(args.config);
    return withWarehouse(args, (w, log) => withRun(w, 'reconcile', async (_, counts) => {
      counts.persons = (await runReconcile(w, settings, log)).persons;
    }));
  },
};

const flag: Command<{ 'as-of'?: string; config?: string }> = {
  command: 'flag',
  describe: 'rebuild the flags from the person model',
  builder: (y) => y.option('as-of', asOfOption).option('config', configOption),
  handler: (args) => {
    const [asOf, settings] = [parseAsOf(args['as-of']), readSettings(args.config)];
    return withWarehouse(args, (w, log) => withRun(w, 'flag', async (runId, counts) => {
      counts.as_of = asOf ?? (await latestSnapshotDate(w));
      counts.flags = (await runFlag(w, settings, runId, counts.as_of, log)).flags;
    }));
  },
};

const report: Command<ReportArgs & { 'as-of'?: string }> = {
  command: 'report',
  describe: 'render the reports',
  builder: (y) => withReportOptions(y.option('as-of', asOfOption)),
  handler: (args) => {
    const asOf = parseAsOf(args['as-of']);
    return withWarehouse(args, async (w, log) => {
      const { runReport } = await import('./report/report.js');
      await runReport(w, { ...reportOptions(args), ...(asOf ? { asOf } : {}) }, log);
    });
  },
};

const status: Command<{ json: boolean }> = {
  command: 'status',
  describe: 'last runs, files loaded / failed, row counts',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
  handler: (args) => withWarehouse(args, async (w) => {
    const report = await readStatus(w);
    process.stdout.write(args.json ? JSON.stringify(report) + '\n' : formatStatus(report));
  }),
};

// A lookup tool, not a run: with no --as-of it judges birth dates against today.
const id: Command<{ ids: string[]; json: boolean; 'as-of'?: string }> = {
  command: 'id <ids..>',
  describe: 'check resident IDs (or student numbers): validity, birth date, sex, region',
  builder: (y) => y
    .positional('ids', {
      type: 'string', array: true, demandOption: true, describe: 'IDs as typed',
    })
    .option('json', { type: 'boolean', default: false, describe: 'one JSON object per line' })
    .option('as-of', {
      type: 'string', describe: 'birth dates after this are invalid (default: today)',
    }),
  handler: (args) => writeIdLookups(args.ids.map(String), {
    json: args.json,
    asOf: parseAsOf(args['as-of']) ?? new Date().toISOString().slice(0, 10),
  }),
};

const person: Command<{ number: string; json: boolean }> = {
  command: 'person <number>',
  describe: "one person's whole timeline across schools, with sources",
  builder: (y) => y
    .positional('number', {
      type: 'string', demandOption: true, describe: 'student number or resident ID',
    })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
  handler: (args) => writePerson(args.db, String(args.number), { json: args.json }),
};

const exportMarts: Command<{ out: string; format: 'parquet' | 'arrow' | 'csv' }> = {
  command: 'export',
  describe: 'write the marts (person model, flags, findings) for other tools',
  builder: (y) => y
    .option('out', { type: 'string', default: './out', describe: 'folder for the files' })
    .option('format', {
      choices: ['parquet', 'arrow', 'csv'] as const, default: 'parquet' as const,
    }),
  handler: (args) => withWarehouse(args, async (w, log) => {
    const { runExport } = await import('./export/export.js');
    await runExport(w, { out: args.out, format: args.format }, log);
  }),
};

const fixtures: Command<{ out: string; schools: number; students: number; seed: number }> = {
  command: 'fixtures',
  describe: 'write a synthetic inbox with an answer key',
  builder: (y) => y
    .option('out', {
      type: 'string', default: './fixtures-out',
      describe: 'folder: inbox/ and answer-key.json go in it',
    })
    .option('schools', { type: 'number', default: 32 })
    .option('students', { type: 'number', default: 6000 })
    .option('seed', { type: 'number', default: 42 }),
  handler: async (args) => {
    const logger = createLogger(args['log-format'] ?? defaultLogFormat());
    const { writeFixtures } = await import('../fixtures/generator/index.js');
    const { out, schools, students, seed } = args;
    const key = await writeFixtures({ out, schools, students, seed });
    logger.step(`fixtures ${out}`, { files: key.files.length, persons: key.persons.length });
  },
};

export const COMMANDS = [
  run, ingest, reconcile, flag, report, status, id, person, exportMarts, fixtures,
] as const;
