import pkg from '../../package.json';
import type { Command } from './command';
import { commands } from './commands';
import { describeOptions } from './options';
import { UsageError } from './usage-error';

const PROGRAM = 'arxos';

export function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${PROGRAM} ${pkg.version}: the Arxos Control Room command line`,
    '',
    `Usage: ${PROGRAM} <command> [flags]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${PROGRAM} <command> --help' for a command's flags.`,
  ].join('\n');
}

export function commandHelp(c: Command): string {
  const usage = c.options
    .filter((o) => o.name !== 'help')
    .map((o) => (o.value ? `[--${o.name} ${o.value}]` : `[--${o.name}]`))
    .join(' ');
  return [`Usage: ${PROGRAM} ${c.name} ${usage}`, '', c.details, '', 'Flags:', describeOptions(c.options)].join('\n');
}

/** Runs the command line; resolves with the exit code: 0 done, 1 failed, 2 called wrongly. */
export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) throw new UsageError('no command given');
    if (first === '--help' || first === '-h' || first === 'help') {
      console.log(topHelp());
      return 0;
    }
    if (first === '--version') {
      console.log(pkg.version);
      return 0;
    }
    const command = commands.find((c) => c.name === first);
    if (!command) throw new UsageError(first.startsWith('-') ? `unknown flag ${first}` : `unknown command ${JSON.stringify(first)}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(commandHelp(command));
      return 0;
    }
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      const where = err.command ? `${PROGRAM} ${err.command}` : PROGRAM;
      console.error(`${where}: ${err.message}`);
      console.error(`Run '${where} --help' for usage.`);
      return 2;
    }
    console.error(`${PROGRAM}: ${(err as Error).message}`);
    return 1;
  }
}
