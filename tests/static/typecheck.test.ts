import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** TypeScript strict over both sides: a missing or mistyped contract handler fails here. */
describe('type check', () => {
  for (const project of ['tsconfig.node.json', 'tsconfig.web.json']) {
    it(project, { timeout: 240_000 }, async () => {
      const result = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'], {
        maxBuffer: 16 * 1024 * 1024,
      }).catch((err: { stdout: string; code: number }) => ({ stdout: err.stdout, code: err.code }));
      expect(result.stdout).toBe('');
    });
  }
});
