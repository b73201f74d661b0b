import fs from 'node:fs';
import { parseConfig, type CoreConfigInput } from '../../src/core/config';
import { createCore, type Core } from '../../src/core/host';
import type { Session } from '../../src/shared/permissions';
import { tempDir } from './temp-dir';

export const admin: Session = { user: 'test', role: 'admin', via: 'internal' };
export const viewer: Session = { user: 'test-viewer', role: 'viewer', via: 'internal' };


/** A real core on a real SQLite file in a fresh temp dir; the demo site is off unless asked for. */
export async function startTempCore(config: Partial<CoreConfigInput> = {}): Promise<{ core: Core; dir: string; close(): Promise<void> }> {
  const dir = tempDir();
  const core = createCore(parseConfig({ dataDir: dir, demo: { enabled: false }, ...config }));
  await core.start();
  return {
    core,
    dir,
    async close() {
      await core.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
