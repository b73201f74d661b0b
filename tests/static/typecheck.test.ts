import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** TypeScript strict over both sides: a missing or mistyped contract handler fails here. */
describe('type check', () => {
  for (const project of ['tsconfig.node.json', 'tsconfig.web.json']) {
    it(project, { timeout: 240_000 }, () => {
      const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      // Errors go to stdout; a crash of tsc itself may print only to stderr: the exit code tells both.
      expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    });
  }
});
