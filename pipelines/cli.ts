// The `xueji` command line (outputs.md §1). Each command opens the warehouse, does its stage and
// closes it; errors are thrown anywhere as CliError and turned into an exit code here, once.
// Progress goes to stderr through the logger; data goes to files.

import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CliError, EXIT, usageError } from './common/errors.js';
import { createLogger, defaultLogFormat, type Logger, type LogFormat } from './common/logger.js';
import { readSettings } from './common/settings.js';
import { Warehouse } from './common/warehouse.js';
import { runFlag } from './flag/flag.js';
import { runIngest } from './ingest/ingest.js';
import { isCalendarDate } from './ingest/inbox.js';
import { writeIdLookups } from './identity/id-lookup.js';
import { writePerson } from './person/person-timeline.js';
import { runReconcile } from './reconcile/reconcile.js';
import { runReport } from './report/report.js';
import { latestSnapshotDate } from './run/pipeline-run.js';
import { formatStatus, readStatus } from './status/status.js';
import { ingestCounts, runJob, withRun } from './run/run.js';

interface Common {
  db: string;
  config?: string;
  'log-format'?: LogFormat;
}

const dbOption = { type: 'string', default: './warehouse.duckdb', describe: 'warehouse file' } as const;
const configOption = { type: 'string', describe: 'settings file (JSON), see docs/settings.md' } as const;
const asOfOption = { type: 'string', describe: 'as-of date YYYY-MM-DD (default: latest snapshot loaded)' } as const;

function reportOptions<T>(y: Argv<T>) {
  return y
    .option('out', { type: 'string', default: './out', describe: 'folder for the reports' })
    .option('region', { type: 'string', describe: 'only schools in this GB/T 2260 region' })
    .option('locale', { choices: ['zh-CN', 'en'] as const, default: 'zh-CN' as const })
    .option('unmask', { type: 'boolean', default: false, describe: 'show full student and ID numbers' });
}

async function withWarehouse(
  args: Common,
  work: (w: Warehouse, log: Logger) => Promise<unknown>,
): Promise<void> {
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

export function buildCli(argv: string[]) {
  return yargs(argv)
    .scriptName('xueji')
    .option('db', dbOption)
    .option('log-format', { choices: ['text', 'json'] as const, describe: 'progress line format' })
    .command('run', 'the scheduled job: ingest, reconcile, flag, report', (y) =>
      reportOptions(y.option('inbox', { type: 'string', default: './inbox' }).option('as-of', asOfOption).option('config', configOption)),
      (args) => withWarehouse(args, (w, log) => runJob(w, {
        inbox: args.inbox,
        asOf: parseAsOf(args['as-of']),
        settings: readSettings(args.config),
        report: { out: args.out, locale: args.locale, unmask: args.unmask, ...(args.region ? { region: args.region } : {}) },
      }, log)))
    .command('ingest', 'only ingest new files from the inbox', (y) =>
      y.option('inbox', { type: 'string', default: './inbox' }).option('as-of', asOfOption).option('config', configOption),
      (args) => withWarehouse(args, (w, log) => withRun(w, 'ingest', async (runId, counts) => {
        const options = { inbox: args.inbox, asOf: parseAsOf(args['as-of']), runId, settings: readSettings(args.config) };
        Object.assign(counts, ingestCounts(await runIngest(w, options, log)));
      })))
    .command('reconcile', 'rebuild the person model from what is loaded', (y) => y.option('config', configOption),
      (args) => withWarehouse(args, (w, log) => withRun(w, 'reconcile', async (_, counts) => {
        counts.persons = (await runReconcile(w, readSettings(args.config), log)).persons;
      })))
    .command('flag', 'rebuild the flags from the person model', (y) => y.option('as-of', asOfOption).option('config', configOption),
      (args) => withWarehouse(args, (w, log) => withRun(w, 'flag', async (runId, counts) => {
        counts.as_of = parseAsOf(args['as-of']) ?? (await latestSnapshotDate(w));
        counts.flags = (await runFlag(w, readSettings(args.config), runId, counts.as_of, log)).flags;
      })))
    .command('report', 'render the reports', (y) => reportOptions(y.option('as-of', asOfOption)),
      (args) => withWarehouse(args, async (w, log) => {
        const asOf = parseAsOf(args['as-of']);
        await runReport(w, { out: args.out, locale: args.locale, unmask: args.unmask, ...(asOf ? { asOf } : {}), ...(args.region ? { region: args.region } : {}) }, log);
      }))
    .command('status', 'last runs, files loaded / failed, row counts', (y) =>
      y.option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
      (args) => withWarehouse(args, async (w) => {
        const report = await readStatus(w);
        process.stdout.write(args.json ? JSON.stringify(report) + '\n' : formatStatus(report));
      }))
    .command('id <ids..>', 'check resident IDs (or student numbers): validity, birth date, sex, region', (y) =>
      y.positional('ids', { type: 'string', array: true, demandOption: true, describe: 'IDs as typed' })
        .option('json', { type: 'boolean', default: false, describe: 'one JSON object per line' })
        .option('as-of', { type: 'string', describe: 'birth dates after this are invalid (default: today)' }),
      (args) => writeIdLookups(args.ids.map(String), {
        json: args.json, asOf: parseAsOf(args['as-of']) ?? new Date().toISOString().slice(0, 10),
      }))
    .command('person <number>', "one person's whole timeline across schools, with sources", (y) =>
      y.positional('number', { type: 'string', demandOption: true, describe: 'student number or resident ID' })
        .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
      (args) => writePerson(args.db, String(args.number), { json: args.json }))
    .command('fixtures', 'write a synthetic inbox with an answer key', (y) =>
      y.option('out', { type: 'string', default: './fixtures-out', describe: 'folder: inbox/ and answer-key.json go in it' })
        .option('schools', { type: 'number', default: 32 })
        .option('students', { type: 'number', default: 6000 })
        .option('seed', { type: 'number', default: 42 }),
      async (args) => {
        const logger = createLogger(args['log-format'] ?? defaultLogFormat());
        const { writeFixtures } = await import('../fixtures/generator/index.js');
        const key = await writeFixtures({ out: args.out, schools: args.schools, students: args.students, seed: args.seed });
        logger.step(`fixtures ${args.out}`, { files: key.files.length, persons: key.persons.length });
      })
    .demandCommand(1, 'name a command; see xueji --help')
    .strict()
    .fail((message, error) => {
      throw error ?? usageError(message);
    })
    .help();
}

async function main(): Promise<void> {
  try {
    await buildCli(hideBin(process.argv)).parseAsync();
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`xueji: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`xueji: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  return EXIT.failed;
}

await main();
