/**
 * An error in something the user gave us (snapshot, config, policy, framework, target list, flags).
 * The CLI prints it without a stack trace and exits 2. The message names the file, the place and the fix.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly place?: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** `file: place: message. Fix: fix` on one line, each part only when known. */
  describe(): string {
    const where = [this.file, this.place].filter(Boolean).join(': ');
    return `${where ? `${where}: ` : ''}${this.message}${this.fix ? `\n  fix: ${this.fix}` : ''}`;
  }
}

/** Exit codes of the CLI. */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  InputError: 2,
  IncompleteCollection: 3,
} as const;
