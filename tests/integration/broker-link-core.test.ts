import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type CoreConfigInput } from '../../src/core/config';
import { openDatabase } from '../../src/core/db/database';
import { createCore, type Core } from '../../src/core/host';
import { testBackoff } from '../helpers/broker-links';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

// The whole core (link, ingest, SQLite file) against a real mosquitto: QoS 1 messages survive a cut
// network, a restart of the app and a crash of the app, each stored exactly once.
let broker: Mosquitto;
let publisher: MqttClient;
const cleanups: (() => Promise<void> | void)[] = [];
const base = Date.now() - 3_600_000;

beforeAll(async () => {
  broker = await startMosquitto();
  publisher = await mqtt.connectAsync(broker.url, { clientId: 'test-publisher' });
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

afterAll(async () => {
  await publisher?.endAsync();
  await broker?.close();
});

function siteConfig(dataDir: string, url: string, id: string): CoreConfigInput {
  return {
    dataDir,
    demo: { enabled: false },
    brokers: [{ id, name: 'Site broker', url, backoff: testBackoff, mappings: [{ topic: `${id}/{device}/{point}` }] }],
  };
}

function startCore(config: CoreConfigInput): Core {
  const core = createCore(parseConfig(config));
  cleanups.push(() => core.stop());
  return core;
}

function tempDataDir(): string {
  const dir = tempDir();
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Message i: a distinct (point, time), so the table holds exactly one row per message delivered. */
const publish = (prefix: string, i: number) =>
  publisher.publishAsync(`${prefix}/dev${i % 10}/p`, JSON.stringify({ value: i, ts: base + i }), { qos: 1 });

async function waitForStored(dataDir: string, n: number): Promise<void> {
  try {
    await waitFor(() => storedIn(dataDir) === n, 20_000, `${n} samples stored`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; ${storedIn(dataDir)} are`, { cause: err });
  }
}

function storedIn(dataDir: string): number {
  const db = openDatabase(path.join(dataDir, 'site.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const linkOf = (core: Core) => core.health().brokers[0]!;

describe('zero loss at QoS 1 (core, real mosquitto, real SQLite file)', () => {
  it('across forced disconnects of the network', async () => {
    const proxy: TcpProxy = await startTcpProxy(broker.port);
    cleanups.push(() => proxy.close());
    const dataDir = tempDataDir();
    const core = startCore(siteConfig(dataDir, `mqtt://127.0.0.1:${proxy.port}`, 'cut'));
    await core.start();
    await waitFor(() => linkOf(core).state === 'up', 10_000, 'the link');
    const n = 4000;
    for (let i = 0; i < n; i++) {
      await publish('cut', i);
      // Three times, cut the network while messages are on their way to an up link.
      if (i % 1000 === 999 && i < n - 1) {
        const reconnects = linkOf(core).reconnects;
        proxy.cut();
        await waitFor(() => linkOf(core).reconnects === reconnects + 1 && linkOf(core).state === 'up', 10_000, 'the link back up');
      }
    }
    await waitForStored(dataDir, n);
    expect(linkOf(core).reconnects).toBe(3);
    // Messages delivered twice across a cut are stored once: (point, time) is the key.
    expect(core.health().ingest.stored).toBe(n);
  });

  it('across a stop and start of the app, with messages published while it was down', async () => {
    const dataDir = tempDataDir();
    const config = siteConfig(dataDir, broker.url, 'restart');
    const first = startCore(config);
    await first.start();
    await waitFor(() => linkOf(first).state === 'up', 10_000, 'the link');
    const n = 2000;
    for (let i = 0; i < n / 2; i++) await publish('restart', i);
    await first.stop();
    for (let i = n / 2; i < n; i++) await publish('restart', i);
    const second = startCore(config);
    await second.start();
    await waitForStored(dataDir, n);
  });

  it('across a crash of the app (SIGKILL mid-stream): nothing acknowledged was uncommitted', async () => {
    const dataDir = tempDataDir();
    const config = siteConfig(dataDir, broker.url, 'crash');
    const child = startChildCore(config);
    cleanups.push(() => void child.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('up') && resolve());
      child.once('exit', (code) => reject(new Error(`the child core exited with ${code}`)));
    });
    const n = 3000;
    const exited = new Promise((r) => child.once('exit', r));
    for (let i = 0; i < n; i++) {
      await publish('crash', i);
      if (i === n / 2) child.kill('SIGKILL');
    }
    await exited;
    const before = storedIn(dataDir);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(n);
    const restarted = startCore(config);
    await restarted.start();
    await waitForStored(dataDir, n);
  });
});

/** The core in a child process, so that it can be killed like a crashing app; it prints "up" once its link is. */
function startChildCore(config: CoreConfigInput): ChildProcess {
  const url = (file: string) => JSON.stringify(pathToFileURL(path.resolve(file)).href);
  const code = `
    import { createCore } from ${url('src/core/host.ts')};
    import { parseConfig } from ${url('src/core/config.ts')};
    const core = createCore(parseConfig(JSON.parse(process.env.ARXOS_TEST_CONFIG)));
    await core.start();
    const timer = setInterval(() => {
      if (core.health().brokers[0]?.state !== 'up') return;
      clearInterval(timer);
      process.stdout.write('up\\n');
    }, 10);
  `;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', code], {
    env: { ...process.env, ARXOS_TEST_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}
