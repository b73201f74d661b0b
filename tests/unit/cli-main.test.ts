import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('arxos command dispatch', () => {
  it('--help lists the commands and exits 0', async () => {
    expect(await main(['--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/Usage: arxos <command> \[flags\]/);
    expect(out.join('\n')).toMatch(/^ {2}serve {2}/m);
  });

  it('serve --help shows its flags and exits 0', async () => {
    expect(await main(['serve', '--help'])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Usage: arxos serve \[--data-dir DIR\] \[--host H\] \[--port N\] \[--config FILE\]$/m);
    for (const flag of ['--data-dir DIR', '--host H', '--port N', '--config FILE']) expect(text).toContain(flag);
  });

  it('exits 2 with the mistake and a hint for a bad flag, a bad port, an unknown command or none', async () => {
    expect(await main(['serve', '--prot', '80'])).toBe(2);
    expect(err).toEqual(['arxos serve: unknown flag --prot', "Run 'arxos serve --help' for usage."]);
    err.length = 0;
    expect(await main(['serve', '--port', 'eighty'])).toBe(2);
    expect(err[0]).toBe('arxos serve: --port must be a whole number from 0 to 65535 (0 picks a free port), not "eighty"');
    err.length = 0;
    expect(await main(['serve', '--port', '70000'])).toBe(2);
    err.length = 0;
    expect(await main(['frobnicate'])).toBe(2);
    expect(err).toEqual(['arxos: unknown command "frobnicate"', "Run 'arxos --help' for usage."]);
    err.length = 0;
    expect(await main([])).toBe(2);
    expect(err[0]).toBe('arxos: no command given');
  });

  it('exits 1 with the reason when the configuration file cannot be read', async () => {
    expect(await main(['serve', '--config', 'no-such-config.json', '--port', '0'])).toBe(1);
    expect(err[0]).toMatch(/^arxos: cannot read the configuration file .*no-such-config\.json: /);
  });
});
