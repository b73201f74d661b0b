/**
 * `npm run bench:ingest`: floods through Debian's mosquitto into the full ingest pipeline and
 * prints figures next to baselines measured in the same run (raw mqtt.js receive rate, raw
 * better-sqlite3 insert rate). Figures only: nothing here is asserted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { parseConfig } from '../src/core/config';
import { createCore, type Core } from '../src/core/host';
import type { EventName } from '../src/shared/contract';
import type { LatestValue } from '../src/shared/contract/schemas/points';
import { startMosquitto, type Mosquitto } from '../tests/helpers/mosquitto';
import { startTcpProxy } from '../tests/helpers/tcp-proxy';
import { tempDir } from '../tests/helpers/temp-dir';

const FLOOD = Number(process.env.BENCH_FLOOD ?? 1_000_000);
const PACED_RATE = 10_000;
const PACED_S = 10;
const QOS1_COUNT = Number(process.env.BENCH_QOS1 ?? 50_000);
/** Only the named parts, e.g. BENCH_ONLY=latency,qos1; all when unset. */
const ONLY = process.env.BENCH_ONLY?.split(',');
const part = (name: string) => !ONLY || ONLY.includes(name);
const POINTS = 1000;
const admin = { user: 'bench', role: 'admin', via: 'internal' } as const;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function publisher(args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'publisher.ts'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited with ${code}`)))));
}

async function startBenchCore(brokerPort: number, qos: 0 | 1, batch?: { batchMs: number }): Promise<{ core: Core; dir: string }> {
  const dir = tempDir();
  const core = createCore(
    parseConfig({
      dataDir: dir,
      demo: { enabled: false },
      ingest: batch ?? {},
      brokers: [
        {
          id: 'bench',
          name: 'bench',
          url: `mqtt://127.0.0.1:${brokerPort}`,
          qos,
          protocolVersion: 4,
          mappings: [{ topic: 'bench/{device}/{point}', device: '{device}' }],
        },
      ],
    }),
  );
  await core.start();
  const deadline = Date.now() + 10_000;
  while (core.health().brokers[0]?.state !== 'up') {
    if (Date.now() > deadline) throw new Error(`link did not come up: ${core.health().brokers[0]?.lastError}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { core, dir };
}

/** Waits until `count()` reaches `target` or stops moving for `idleMs`; returns when it last moved. */
async function settle(count: () => number, target: number, idleMs = 3000): Promise<number> {
  let last = count();
  let lastMove = performance.now();
  while (last < target && performance.now() - lastMove < idleMs) {
    await new Promise((r) => setTimeout(r, 5));
    const now = count();
    if (now !== last) {
      last = now;
      lastMove = performance.now();
    }
  }
  return lastMove;
}

async function rawReceive(broker: Mosquitto): Promise<number> {
  const sub = await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: `bench-raw-${process.pid}` });
  await sub.subscribeAsync('bench/#', { qos: 0 });
  let n = 0;
  sub.on('message', () => {
    n++;
  });
  const t0 = performance.now();
  await publisher(['flood', String(broker.port), String(FLOOD)]);
  const tEnd = await settle(() => n, FLOOD);
  await sub.endAsync();
  const rate = (n * 1000) / (tEnd - t0);
  console.log(`raw mqtt.js receive, QoS 0:      ${fmt(rate)} msg/s (${fmt(n)} of ${fmt(FLOOD)} received)`);
  return rate;
}

function rawInsert(): number {
  const dir = tempDir();
  const db = new Database(path.join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE samples (point_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL, quality INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (point_id, ts)) WITHOUT ROWID');
  const ins = db.prepare('INSERT INTO samples VALUES (?, ?, ?, 0)');
  const t0Ms = Date.now();
  const tx = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) ins.run((i % POINTS) + 1, t0Ms + Math.floor(i / POINTS), (i % 997) / 10);
  });
  const t0 = performance.now();
  for (let i = 0; i < FLOOD; i += 10_000) tx(i, Math.min(FLOOD, i + 10_000));
  const rate = (FLOOD * 1000) / (performance.now() - t0);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`raw better-sqlite3 insert:       ${fmt(rate)} rows/s (batches of 10,000, same table layout)`);
  return rate;
}

async function endToEndQos0(broker: Mosquitto): Promise<{ rate: number; peakRssMb: number; baseRssMb: number }> {
  const { core, dir } = await startBenchCore(broker.port, 0);
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  // Counted from the commit hand-off: polling health() would put the benchmark's own work on the core's thread.
  let stored = 0;
  core.handOff.add('bench', (batch) => (stored += batch.size));
  const t0 = performance.now();
  await publisher(['flood', String(broker.port), String(FLOOD)]);
  const tEnd = await settle(() => stored, FLOOD);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const h = core.health().ingest;
  await core.stop();
  const rows = (() => {
    const db = new Database(path.join(dir, 'site.db'), { readonly: true });
    const n = (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
    db.close();
    return n;
  })();
  fs.rmSync(dir, { recursive: true, force: true });
  const rate = (h.stored * 1000) / (tEnd - t0);
  console.log(
    `end to end, QoS 0 (full pipeline): ${fmt(rate)} msg/s (received ${fmt(h.received)}, stored ${fmt(h.stored)}, rows ${fmt(rows)}, dropped ${fmt(h.dropped)})`,
  );
  return { rate, peakRssMb: peakRss / 2 ** 20, baseRssMb: baseRss / 2 ** 20 };
}

async function latency(broker: Mosquitto): Promise<void> {
  const { core, dir } = await startBenchCore(broker.port, 0);
  const toEvent: number[] = [];
  const toCommit: number[] = [];
  const sub = core.hub.attach({
    session: admin,
    send: (name: EventName, payload: unknown) => {
      if (name !== 'points.changed') return;
      const now = Date.now();
      for (const v of (payload as { values: LatestValue[] }).values) toEvent.push(now - v.ts);
    },
  });
  await core.dispatcher.call({ session: admin, subscription: sub }, 'events.subscribe', { events: ['points.changed'] });
  core.handOff.add('bench', (batch) => {
    const now = Date.now();
    for (const ts of batch.ts) toCommit.push(now - ts);
  });
  await publisher(['paced', String(broker.port), String(PACED_RATE), String(PACED_S)]);
  await settle(() => toCommit.length, PACED_RATE * PACED_S, 500);
  sub.detach();
  await core.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `latency at ${fmt(PACED_RATE)} msg/s, publish → points.changed: p50 ${pct(toEvent, 50)} ms, p99 ${pct(toEvent, 99)} ms (${fmt(toEvent.length)} values, 50 ms coalescing included)`,
  );
  console.log(`latency at ${fmt(PACED_RATE)} msg/s, publish → committed in SQLite: p50 ${pct(toCommit, 50)} ms, p99 ${pct(toCommit, 99)} ms (${fmt(toCommit.length)} samples)`);
}

async function qos1AcrossDisconnect(broker: Mosquitto): Promise<void> {
  const proxy = await startTcpProxy(broker.port);
  const { core, dir } = await startBenchCore(proxy.port, 1);
  const pub = await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: `bench-q1-${process.pid}` });
  const t0 = performance.now();
  const t0Ms = Date.now() - 60_000;
  let cuts = 0;
  let stored = 0;
  core.handOff.add('bench', (batch) => (stored += batch.size));
  const cutter = setInterval(() => {
    if (cuts === 0 && stored > QOS1_COUNT / 3) {
      proxy.cut();
      cuts++;
    }
  }, 10);
  const window = 1000;
  for (let i = 0; i < QOS1_COUNT; i += window) {
    const sends = [];
    for (let k = i; k < Math.min(QOS1_COUNT, i + window); k++) {
      sends.push(pub.publishAsync(`bench/d${Math.floor((k % POINTS) / 10)}/p${k % 10}`, `{"value":${k % 997},"ts":${t0Ms + Math.floor(k / POINTS)}}`, { qos: 1 }));
    }
    await Promise.all(sends);
  }
  const tEnd = await settle(() => stored, QOS1_COUNT, 10_000);
  clearInterval(cutter);
  await pub.endAsync();
  const h = core.health();
  await core.stop();
  await proxy.close();
  const db = new Database(path.join(dir, 'site.db'), { readonly: true });
  const rows = (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `QoS 1 with ${cuts} forced disconnect(s): ${fmt(rows)} of ${fmt(QOS1_COUNT)} stored, ${fmt(QOS1_COUNT - rows)} lost, ${fmt((rows * 1000) / (tEnd - t0))} msg/s, ${h.brokers[0]?.reconnects ?? 0} reconnect(s)`,
  );
}

async function main(): Promise<void> {
  // The floods use mosquitto as most sites run it. The latency runs set set_tcp_nodelay: without it
  // mosquitto's small writes can wait on the receiver's delayed ACK (Nagle), adding up to 40 ms to
  // some deliveries; a control-room site should set it (see README). It costs flood throughput.
  const common = ['max_queued_messages 0', 'max_inflight_messages 1000'];
  console.log(`ingest benchmark: ${fmt(FLOOD)} messages over ${POINTS} points, Debian mosquitto on loopback, ${process.version}`);
  if (part('flood')) {
    const broker = await startMosquitto({ extraConfig: common });
    try {
      const e2e = await endToEndQos0(broker);
      const raw = await rawReceive(broker);
      const insert = rawInsert();
      console.log(`ratio end to end / raw receive:  ${(e2e.rate / raw).toFixed(2)} (target ≥ 0.6; target ≥ 100,000 msg/s)`);
      console.log(`ratio end to end / raw insert:   ${(e2e.rate / insert).toFixed(2)}`);
      console.log(`resident memory during the ${fmt(FLOOD)}-message flood: ${e2e.peakRssMb.toFixed(0)} MB peak (${e2e.baseRssMb.toFixed(0)} MB before; target < 300 MB)`);
    } finally {
      await broker.close();
    }
  }
  if (part('latency') || part('qos1')) {
    const broker = await startMosquitto({ extraConfig: [...common, 'set_tcp_nodelay true'] });
    try {
      console.log('(mosquitto with set_tcp_nodelay true from here on)');
      if (part('latency')) await latency(broker);
      if (part('qos1')) await qos1AcrossDisconnect(broker);
    } finally {
      await broker.close();
    }
  }
}

await main();
