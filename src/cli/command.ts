import type { OptionSpec } from './options';

/** One `arxos <command>`. Adding a command is adding one of these to commands/index.ts. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Longer help shown by `arxos <command> --help`, after the usage line. */
  details: string;
  options: readonly OptionSpec[];
  /** Runs the command; resolves with the process exit code. Throws UsageError for a bad call. */
  run(argv: readonly string[]): Promise<number>;
}

export const helpOption: OptionSpec = { name: 'help', description: 'show this help' };
