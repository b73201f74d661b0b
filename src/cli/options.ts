import { UsageError } from './usage-error';

/** One `--flag` of a command. With `value` it takes an argument (shown as e.g. `DIR`); without, it is a switch. */
export interface OptionSpec {
  name: string;
  value?: string;
  description: string;
}

export type ParsedOptions = { values: Record<string, string>; switches: Set<string> };

/**
 * Parses `--name value`, `--name=value` and switches against a command's option list. Every
 * mistake (unknown flag, missing value, repeated flag, stray argument) is a UsageError naming it.
 */
export function parseOptions(command: string, specs: readonly OptionSpec[], argv: readonly string[]): ParsedOptions {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      switches.add('help');
      continue;
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`, command);
    const name = m[1]!;
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown flag --${name}`, command);
    if (name in values || switches.has(name)) throw new UsageError(`--${name} is given more than once`, command);
    if (spec.value === undefined) {
      if (m[2] !== undefined) throw new UsageError(`--${name} takes no value`, command);
      switches.add(name);
      continue;
    }
    let value = m[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value (${spec.value})`, command);
      value = next;
      i++;
    }
    if (value === '') throw new UsageError(`--${name} needs a value (${spec.value})`, command);
    values[name] = value;
  }
  return { values, switches };
}

/** The option list as help text, aligned. */
export function describeOptions(specs: readonly OptionSpec[]): string {
  const left = specs.map((s) => (s.value ? `--${s.name} ${s.value}` : `--${s.name}`));
  const width = Math.max(...left.map((l) => l.length));
  return specs.map((s, i) => `  ${left[i]!.padEnd(width)}  ${s.description}`).join('\n');
}
