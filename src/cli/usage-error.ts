/** A mistake in how the command was called: printed with a usage hint, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` the hint points at; none for the top level. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
