import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/cli/data-dir';
import { describeOptions, parseOptions, type OptionSpec } from '../../src/cli/options';
import { UsageError } from '../../src/cli/usage-error';

const specs: OptionSpec[] = [
  { name: 'data-dir', value: 'DIR', description: 'where data lives' },
  { name: 'port', value: 'N', description: 'port' },
  { name: 'verbose', description: 'say more' },
];

function usageError(argv: string[]): UsageError {
  try {
    parseOptions('serve', specs, argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

describe('command-line flags', () => {
  it('reads values given as --flag value and --flag=value, and switches', () => {
    const parsed = parseOptions('serve', specs, ['--data-dir', 'a b', '--port=0', '--verbose']);
    expect(parsed.values).toEqual({ 'data-dir': 'a b', port: '0' });
    expect([...parsed.switches]).toEqual(['verbose']);
  });

  it('names the mistake', () => {
    expect(usageError(['--bogus']).message).toBe('unknown flag --bogus');
    expect(usageError(['--port']).message).toBe('--port needs a value (N)');
    expect(usageError(['--port', '--verbose']).message).toBe('--port needs a value (N)');
    expect(usageError(['--port=']).message).toBe('--port needs a value (N)');
    expect(usageError(['--port', '1', '--port', '2']).message).toBe('--port is given more than once');
    expect(usageError(['--verbose=yes']).message).toBe('--verbose takes no value');
    expect(usageError(['stray']).message).toBe('unexpected argument "stray"');
    expect(usageError(['--bogus']).command).toBe('serve');
  });

  it('describes the flags in aligned columns', () => {
    expect(describeOptions(specs).split('\n')).toEqual([
      '  --data-dir DIR  where data lives',
      '  --port N        port',
      '  --verbose       say more',
    ]);
  });
});

describe('default data dir', () => {
  it('is $XDG_DATA_HOME/arxos-control-room when that is an absolute path', () => {
    const xdg = path.resolve('/', 'srv', 'xdg');
    expect(defaultDataDir({ XDG_DATA_HOME: xdg }, path.resolve('/', 'home', 'op'))).toBe(path.join(xdg, 'arxos-control-room'));
  });

  it('falls back to ~/.local/share when XDG_DATA_HOME is unset or relative', () => {
    const home = path.resolve('/', 'home', 'op');
    const expected = path.join(home, '.local', 'share', 'arxos-control-room');
    expect(defaultDataDir({}, home)).toBe(expected);
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative/dir' }, home)).toBe(expected);
  });
});
