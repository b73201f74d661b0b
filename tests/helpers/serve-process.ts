import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { waitFor } from './wait-for';
import { tempDir } from './temp-dir';

export interface ServeProcess {
  url: URL;
  token: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/** The built `arxos serve` in its own process, as a user runs it, on a free port and a fresh data dir. */
export async function startServe(args: string[] = []): Promise<ServeProcess> {
  const dataDir = tempDir();
  const child: ChildProcess = spawn(process.execPath, ['out/cli/arxos.js', 'serve', '--data-dir', dataDir, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor(() => /console +https?:\/\/\S+\?token=\S+/.test(out) || child.exitCode !== null, 60_000, 'the console URL');
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}; output:\n${out}`);
  }
  if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${out}`);
  const url = new URL(/console +(https?:\/\/\S+)/.exec(out)![1]!);
  return {
    url,
    token: url.searchParams.get('token')!,
    dataDir,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
