// Renders index.html in headless Debian Chromium, offline, to check that a real browser draws
// it: a screenshot of the right size with something on it, and a DOM holding the charts and
// tables. CI installs Chromium first with .ci/install-browser.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../pipelines/common/logger.js';
import { runReport } from '../pipelines/report/report.js';
import { openFixtureWarehouse } from './support/report-warehouse.js';
import { tempDir } from './support/temp.js';

const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

let page: string;
let close: () => Promise<void>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; run .ci/install-browser`);
  const fixture = await openFixtureWarehouse();
  close = fixture.close;
  const out = tempDir('xueji-browser-');
  await runReport(fixture.warehouse, { out, locale: 'zh-CN', unmask: false }, memoryLogger());
  page = join(out, 'index.html');
});

afterAll(async () => {
  await close?.();
});

/** Chromium with its networking features off and a profile of its own, on a local file. */
async function chromium(action: string[], file: string): Promise<string> {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', `--user-data-dir=${tempDir('xueji-chromium-')}`];
  const { stdout } = await run(CHROMIUM, [...flags, ...action, `file://${file}`], {
    timeout: 60_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout;
}

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function readPngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('index.html in headless Chromium', () => {
  it('renders to a 1280×2400 screenshot with the page drawn on it', async () => {
    const shot = join(tempDir('xueji-shot-'), 'report.png');
    await chromium([`--screenshot=${shot}`, '--window-size=1280,2400'], page);
    const png = readFileSync(shot);
    expect(readPngSize(png)).toEqual({ width: 1280, height: 2400 });
    // A blank 1280×2400 page compresses to about 14 kB; text, charts and tables take far more.
    expect(png.length).toBeGreaterThan(100_000);
  }, 90_000);

  it('has the four SVG charts and the six tables in the DOM it built', async () => {
    const dom = await chromium(['--dump-dom', '--window-size=1280,2400'], page);
    expect(dom.match(/<svg class="plot-[0-9a-f]+"/g)).toHaveLength(4);
    expect(dom.match(/<table class="data[^"]*">/g)).toHaveLength(6);
    expect(dom.match(/<h2>[^<]+<\/h2>/g)).toEqual([
      '<h2>在籍学生</h2>', '<h2>毕业</h2>', '<h2>转学</h2>', '<h2>待核查线索</h2>', '<h2>数据质量</h2>',
    ]);
    expect(dom.match(/<span class="review">待核查<\/span>/g)).toHaveLength(5);
  }, 90_000);
});
