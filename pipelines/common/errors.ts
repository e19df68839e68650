// The few error classes of xueji. Each carries what the CLI needs to end the process well:
// an exit code (outputs.md §1) and, where it applies, the file and line at fault.
// They are thrown anywhere and caught once, in the CLI entry.

export const EXIT = { ok: 0, failed: 1, usage: 2, locked: 75 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad usage or a bad settings file: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/** Another process holds the warehouse file: exit code 75, try later. */
export function lockedError(db: string): CliError {
  return new CliError(`${db} is in use by another xueji run; try again later`, EXIT.locked);
}
