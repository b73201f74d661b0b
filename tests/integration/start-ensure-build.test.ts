import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTPUTS, ensureBuild, inputFingerprint, staleReason } from '../../scripts/ensure-build.mjs';
import { tempDir } from '../helpers/temp-dir';

// A throw-away project whose `npm run build` writes the outputs and counts its runs, so the
// staleness check and the one-build-at-a-time lock are exercised for real without a real build.
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

function project(): string {
  const root = tempDir();
  roots.push(root);
  const build = [
    "const fs = require('node:fs');",
    `for (const f of ${JSON.stringify(OUTPUTS)}) { fs.mkdirSync(require('node:path').dirname(f), { recursive: true }); fs.writeFileSync(f, 'built'); }`,
    "fs.appendFileSync('builds.log', 'build\\n');",
  ].join('\n');
  fs.writeFileSync(path.join(root, 'build.cjs'), build);
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'p', private: true, scripts: { build: 'node build.cjs' } }));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  return root;
}

const builds = (root: string) => fs.readFileSync(path.join(root, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;
const quiet = () => undefined;

describe('ensureBuild', () => {
  it('builds once when there is no build, then not again while nothing changes', async () => {
    const root = project();
    expect(staleReason(root)).toBe('no build yet');
    expect(await ensureBuild({ root, log: quiet })).toEqual({ built: true, reason: 'no build yet' });
    expect(staleReason(root)).toBeNull();
    expect(await ensureBuild({ root, log: quiet })).toEqual({ built: false, reason: null });
    expect(builds(root)).toBe(1);
  });

  it('sees a changed, added or deleted source, and a missing output', async () => {
    const root = project();
    await ensureBuild({ root, log: quiet });
    const before = inputFingerprint(root);
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 22;\n');
    expect(staleReason(root)).toBe('sources changed since the last build');
    await ensureBuild({ root, log: quiet });
    expect(inputFingerprint(root)).not.toBe(before);

    fs.writeFileSync(path.join(root, 'src', 'b.ts'), 'export const b = 1;\n');
    expect(staleReason(root)).toBe('sources changed since the last build');
    await ensureBuild({ root, log: quiet });
    fs.rmSync(path.join(root, 'src', 'b.ts'));
    expect(staleReason(root)).toBe('sources changed since the last build');
    await ensureBuild({ root, log: quiet });

    fs.rmSync(path.join(root, 'out', 'cli', 'arxos.js'));
    expect(staleReason(root)).toBe('out/cli/arxos.js is missing');
    expect(builds(root)).toBe(4);
  });

  it('builds once when several callers ask at the same time', async () => {
    const root = project();
    const results = await Promise.all([1, 2, 3].map(() => ensureBuild({ root, log: quiet })));
    expect(results.filter((r) => r.built)).toHaveLength(1);
    expect(builds(root)).toBe(1);
    expect(fs.existsSync(path.join(root, 'out', '.build-lock'))).toBe(false);
  });

  it('rejects with the build output when the build fails', async () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'build.cjs'), "console.error('syntax error in src/a.ts'); process.exit(3);");
    await expect(ensureBuild({ root, log: quiet })).rejects.toThrow(/npm run build failed \(exit code 3\):[\s\S]*syntax error in src\/a\.ts/);
    expect(staleReason(root)).toBe('no build yet');
  });
});
