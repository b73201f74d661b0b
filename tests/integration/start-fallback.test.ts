import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

// `npm start` where the Electron runtime is not installed and cannot be fetched (this machine,
// CI, an air-gapped workstation): it must say so in one line and end in serve mode with a URL.
// The download is pointed at a closed local port so that the test never fetches 100 MB, and
// behaves the same on a machine that does have internet access.
const electronInstalled = fs.existsSync(path.join('node_modules', 'electron', 'path.txt'));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

it.skipIf(electronInstalled)(
  'npm start falls back to serve mode and prints the URL when Electron cannot be fetched',
  { timeout: 600_000 },
  async () => {
    const data = tempDir();
    const cache = tempDir();
    dirs.push(data, cache);
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const child = spawn(process.execPath, ['scripts/start.mjs', '--data-dir', data, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: cache },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // The first run may have to build the app.
      await waitFor(() => /console +http:\/\/\S+\?token=\S+/.test(out) || child.exitCode !== null, 540_000, 'the console URL');
      expect(out, err).toMatch(/^Electron runtime not available \(download failed: .*ECONNREFUSED.*\): starting serve mode instead$/m);
      const url = new URL(/console +(http:\/\/\S+)/.exec(out)![1]!);
      const token = url.searchParams.get('token');
      expect(token).toBe(fs.readFileSync(path.join(data, 'console.token'), 'utf8').trim());
      expect((await fetch(new URL(`/auth/check?token=${token}`, url))).status).toBe(204);
      // The built renderer is what the URL serves.
      const page = await fetch(url);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<div id="root">');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
  },
);
