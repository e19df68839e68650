// Progress and log lines, always to stderr; data never goes through here.
// On a terminal the lines are short and readable; otherwise (cron) each line is one JSON object.
// Code receives a Logger rather than writing to the console, so tests can capture what it says.

export interface Logger {
  /** One line per unit of work: what, outcome, rows, time. */
  step(what: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export type LogFormat = 'text' | 'json';

export function createLogger(
  format: LogFormat,
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const emit = (level: string, what: string, fields: Record<string, unknown> = {}) => {
    if (format === 'json') write(JSON.stringify({ level, step: what, ...fields }));
    else write(formatText(level, what, fields));
  };
  return {
    step: (what, fields) => emit('info', what, fields),
    warn: (message, fields) => emit('warn', message, fields),
  };
}

function formatText(level: string, what: string, fields: Record<string, unknown>): string {
  const detail = Object.entries(fields)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(' ');
  const prefix = level === 'warn' ? warnPrefix() : '';
  return `${prefix}${what}${detail ? '  ' + detail : ''}`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-US');
  return String(value);
}

function warnPrefix(): string {
  const colour = process.stderr.isTTY && !process.env.NO_COLOR;
  return colour ? '\x1b[33mwarning\x1b[0m ' : 'warning ';
}

/** The default: text on a terminal, JSON lines otherwise. */
export function defaultLogFormat(): LogFormat {
  return process.stderr.isTTY ? 'text' : 'json';
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger('json', (line) => lines.push(line)), { lines });
}
