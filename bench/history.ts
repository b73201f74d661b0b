/**
 * `npm run bench:history`: history.query latency over ranges from an hour to a year, the sample
 * store's write rate next to a plain better-sqlite3 insert measured in the same run, and the bytes
 * per stored sample next to Home Assistant's recorder schema filled with the same data.
 * Figures only: nothing here is asserted.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseConfig } from '../src/core/config';
import { openDatabase, type Db } from '../src/core/db/database';
import { HistoryReader } from '../src/core/db/history';
import { SampleBatch, SampleStore } from '../src/core/db/samples';
import { StorageService } from '../src/core/storage/storage';
import { createCore } from '../src/core/host';
import { Registry } from '../src/core/model/registry';
import { tempDir } from '../tests/helpers/temp-dir';

const STEP = 10_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR_DAYS = 365;
/** Points in the storage comparison, each with 30 days of 10-second samples. */
const COMPARE_POINTS = Number(process.env.BENCH_POINTS ?? 5);
const viewer = { user: 'bench', role: 'viewer', via: 'internal' } as const;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (xs: number[], p: number) => {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const dbstat = (db: Database.Database, names: string[]): number =>
  (db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE aggregate = TRUE AND name IN (${names.map(() => '?').join(',')})`).pluck().get(...names) as number) ?? 0;

/** A value a sensor might send: a slow swing with noise, two decimals. */
const reading = (t: number, p: number) => Math.round((21 + 3 * Math.sin(t / (6 * HOUR) + p) + Math.random() * 0.2) * 100) / 100;

function siteDb(dir: string): { db: Db; registry: Registry; storage: StorageService; store: SampleStore } {
  const file = path.join(dir, 'site.db');
  const db = openDatabase(file);
  const registry = new Registry(db);
  const storage = new StorageService(db, file, registry, { retention: parseConfig({ dataDir: dir }).storage.retention, sweepIntervalMs: DAY });
  return { db, registry, storage, store: new SampleStore(db, storage.rows) };
}

/** Appends `days` of 10-second samples ending at `end` for each point, interleaved as a site sends them. */
function fill(store: SampleStore, points: number[], end: number, days: number): number {
  const start = end - days * DAY;
  let n = 0;
  let batch = new SampleBatch();
  for (let t = start; t < end; t += STEP) {
    for (const p of points) batch.push(p, t, reading(t, p), 0);
    if (batch.size >= 10_000) {
      n += store.append(batch).stored;
      batch = new SampleBatch();
    }
  }
  return n + store.append(batch).stored;
}

async function writeRates(): Promise<void> {
  const dir = tempDir();
  const rows = 1_000_000;
  const points = 100;
  const end = Date.UTC(2026, 0, 1);
  const span = (rows / points) * STEP;

  const raw = new Database(path.join(dir, 'baseline.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('CREATE TABLE t (point_id INTEGER, ts INTEGER, value REAL, quality INTEGER)');
  const insert = raw.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
  const tx = raw.transaction((from: number) => {
    for (let t = from; t < Math.min(end, from + 100 * STEP); t += STEP) for (let p = 1; p <= points; p++) insert.run(p, t, reading(t, p), 0);
  });
  let t0 = performance.now();
  for (let t = end - span; t < end; t += 100 * STEP) tx(t);
  const baseline = rows / ((performance.now() - t0) / 1000);
  raw.close();

  const site = siteDb(dir);
  const ids = Array.from({ length: points }, (_, i) => site.registry.ensurePoint({ key: `bench/d${i}/p`, deviceKey: `bench/d${i}` }).id);
  t0 = performance.now();
  const stored = fill(site.store, ids, end, span / DAY);
  const ours = stored / ((performance.now() - t0) / 1000);
  await site.storage.stop();
  site.db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`\nWrite rate, ${fmt(rows)} samples of ${points} points in batches of 10,000`);
  console.log(`  plain better-sqlite3 INSERT (no key, no index)  ${fmt(baseline)} rows/s`);
  console.log(`  SampleStore.append (keyed rows + 1 m and 1 h rollups + row counters)  ${fmt(ours)} samples/s  (${fmt(ours / baseline, 2)} × baseline)`);
}

async function historyLatency(): Promise<void> {
  const dir = tempDir();
  const end = Date.UTC(2026, 0, 1);
  const site = siteDb(dir);
  const point = site.registry.register({ key: 'bench/ahu1/supply-temp', deviceKey: 'bench/ahu1', kind: 'sensor' }).id;
  let t0 = performance.now();
  const n = fill(site.store, [point], end, YEAR_DAYS);
  console.log(`\nhistory.query: one point, a year of 10-second samples (${fmt(n)} raw rows, written in ${fmt((performance.now() - t0) / 1000, 1)} s)`);
  const reader = new HistoryReader(site.db);
  const plans = reader.queryPlans();
  const keyed = plans.filter((p) => p.plan.some((d) => d.includes('USING PRIMARY KEY'))).length;
  console.log(`  query plans: ${keyed} of ${plans.length} statements search a primary key${keyed < plans.length ? ' (CHECK)' : ''}`);

  const ranges: [string, number][] = [
    ['1 h', HOUR],
    ['24 h', DAY],
    ['30 days', 30 * DAY],
    ['1 year', YEAR_DAYS * DAY - HOUR],
  ];
  console.log('  range     maxPoints  source  buckets   p50 ms   p99 ms');
  for (const [label, ms] of ranges) {
    for (const maxPoints of [200, 1000, 5000]) {
      const times: number[] = [];
      let last = reader.query(point, end - ms, end, maxPoints);
      for (let i = 0; i < 200; i++) {
        // Windows ending anywhere in the last tenth of the data, so each call reads other pages.
        const to = end - Math.floor(Math.random() * (YEAR_DAYS * DAY - ms) * 0.1);
        const t = performance.now();
        last = reader.query(point, to - ms, to, maxPoints);
        times.push(performance.now() - t);
      }
      console.log(
        `  ${label.padEnd(9)} ${String(maxPoints).padStart(9)}  ${last.source.padEnd(6)}  ${String(last.samples.length).padStart(7)}  ${fmt(pct(times, 50), 2).padStart(7)}  ${fmt(pct(times, 99), 2).padStart(7)}`,
      );
    }
  }
  await site.storage.stop();
  site.db.close();

  // The same query through the contract: input parsed by zod, dispatched, handler, as a client calls it.
  const core = createCore(parseConfig({ dataDir: dir, demo: { enabled: false } }));
  await core.start();
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const to = end - Math.floor(Math.random() * 30 * DAY);
    t0 = performance.now();
    await core.call(viewer, 'history.query', { point, from: to - 30 * DAY, to, maxPoints: 1000 });
    times.push(performance.now() - t0);
  }
  console.log(`  30 days, 1000 points through core.call (zod + dispatcher): p50 ${fmt(pct(times, 50), 2)} ms, p99 ${fmt(pct(times, 99), 2)} ms`);
  await core.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Home Assistant's recorder (schema 41, db_schema.py) filled with the same samples: one `states` row
 * per sample with its five indexes, a 16-byte context ULID, the previous state's id and a shared
 * attributes row; plus 5-minute and hourly statistics rows. Only the SQL is measured here, not
 * Home Assistant's Python around it.
 */
function homeAssistant(file: string, points: number, end: number, days: number): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE states_meta (metadata_id INTEGER NOT NULL PRIMARY KEY, entity_id VARCHAR(255));
    CREATE UNIQUE INDEX ix_states_meta_entity_id ON states_meta (entity_id);
    CREATE TABLE state_attributes (attributes_id INTEGER NOT NULL PRIMARY KEY, hash BIGINT, shared_attrs TEXT);
    CREATE INDEX ix_state_attributes_hash ON state_attributes (hash);
    CREATE TABLE states (
      state_id INTEGER NOT NULL PRIMARY KEY, entity_id CHAR(0), state VARCHAR(255), attributes CHAR(0), event_id SMALLINT,
      last_changed CHAR(0), last_changed_ts FLOAT, last_updated CHAR(0), last_updated_ts FLOAT,
      old_state_id INTEGER REFERENCES states (state_id), attributes_id INTEGER REFERENCES state_attributes (attributes_id),
      context_id CHAR(0), context_user_id CHAR(0), context_parent_id CHAR(0), origin_idx SMALLINT,
      context_id_bin BLOB, context_user_id_bin BLOB, context_parent_id_bin BLOB, metadata_id INTEGER REFERENCES states_meta (metadata_id));
    CREATE INDEX ix_states_metadata_id_last_updated_ts ON states (metadata_id, last_updated_ts);
    CREATE INDEX ix_states_context_id_bin ON states (context_id_bin);
    CREATE INDEX ix_states_last_updated_ts ON states (last_updated_ts);
    CREATE INDEX ix_states_old_state_id ON states (old_state_id);
    CREATE INDEX ix_states_attributes_id ON states (attributes_id);
    CREATE TABLE statistics_meta (id INTEGER NOT NULL PRIMARY KEY, statistic_id VARCHAR(255), source VARCHAR(32),
      unit_of_measurement VARCHAR(255), has_mean BOOLEAN, has_sum BOOLEAN, name VARCHAR(255));
  `);
  for (const t of ['statistics', 'statistics_short_term']) {
    db.exec(`
      CREATE TABLE ${t} (id INTEGER NOT NULL PRIMARY KEY, created CHAR(0), created_ts FLOAT, metadata_id INTEGER, start CHAR(0),
        start_ts FLOAT, mean FLOAT, min FLOAT, max FLOAT, last_reset CHAR(0), last_reset_ts FLOAT, state FLOAT, sum FLOAT);
      CREATE UNIQUE INDEX ix_${t}_statistic_id_start_ts ON ${t} (metadata_id, start_ts);
      CREATE INDEX ix_${t}_start_ts ON ${t} (start_ts);`);
  }
  const insertState = db.prepare(
    'INSERT INTO states (state, last_updated_ts, old_state_id, attributes_id, origin_idx, context_id_bin, metadata_id) VALUES (?, ?, ?, ?, 0, ?, ?)',
  );
  const insertStat = (t: string) =>
    db.prepare(`INSERT INTO ${t} (created_ts, metadata_id, start_ts, mean, min, max) VALUES (?, ?, ?, ?, ?, ?)`);
  const shortTerm = insertStat('statistics_short_term');
  const hourly = insertStat('statistics');
  const last = new Map<number, number | bigint>();
  const acc = new Map<string, { min: number; max: number; sum: number; n: number }>();
  const fold = (key: string, v: number) => {
    const a = acc.get(key);
    if (a) {
      a.min = Math.min(a.min, v);
      a.max = Math.max(a.max, v);
      a.sum += v;
      a.n++;
    } else acc.set(key, { min: v, max: v, sum: v, n: 1 });
  };
  const flushStats = (stmt: Database.Statement, period: number, p: number, bucket: number) => {
    const a = acc.get(`${period}/${p}/${bucket}`);
    if (!a) return;
    stmt.run((bucket + period) / 1000, p, bucket / 1000, a.sum / a.n, a.min, a.max);
    acc.delete(`${period}/${p}/${bucket}`);
  };
  db.transaction(() => {
    for (let p = 1; p <= points; p++) {
      db.prepare('INSERT INTO states_meta (metadata_id, entity_id) VALUES (?, ?)').run(p, `sensor.bench_${p}_temperature`);
      db.prepare('INSERT INTO state_attributes (attributes_id, hash, shared_attrs) VALUES (?, ?, ?)').run(
        p,
        p * 7919,
        `{"state_class":"measurement","unit_of_measurement":"°C","device_class":"temperature","friendly_name":"Bench ${p} temperature"}`,
      );
      db.prepare('INSERT INTO statistics_meta (id, statistic_id, source, unit_of_measurement, has_mean, has_sum) VALUES (?, ?, ?, ?, 1, 0)').run(
        p,
        `sensor.bench_${p}_temperature`,
        'recorder',
        '°C',
      );
    }
  })();
  const start = end - days * DAY;
  const chunk = db.transaction((from: number) => {
    for (let t = from; t < Math.min(end, from + 1000 * STEP); t += STEP) {
      for (let p = 1; p <= points; p++) {
        const v = reading(t, p);
        const info = insertState.run(v.toFixed(2), t / 1000, last.get(p) ?? null, p, randomBytes(16), p);
        last.set(p, info.lastInsertRowid);
        const five = Math.floor(t / 300_000) * 300_000;
        const hour = Math.floor(t / HOUR) * HOUR;
        fold(`300000/${p}/${five}`, v);
        fold(`${HOUR}/${p}/${hour}`, v);
        if (t + STEP >= five + 300_000) flushStats(shortTerm, 300_000, p, five);
        if (t + STEP >= hour + HOUR) flushStats(hourly, HOUR, p, hour);
      }
    }
  });
  for (let t = start; t < end; t += 1000 * STEP) chunk(t);
  return db;
}

async function storageVersusHomeAssistant(): Promise<void> {
  const dir = tempDir();
  const end = Date.UTC(2026, 0, 1);
  const days = 30;
  const site = siteDb(dir);
  const ids = Array.from({ length: COMPARE_POINTS }, (_, i) => site.registry.ensurePoint({ key: `bench/d${i}/temperature`, deviceKey: `bench/d${i}` }).id);
  const n = fill(site.store, ids, end, days);
  const ours = {
    raw: dbstat(site.db, ['samples']),
    m1: dbstat(site.db, ['rollup_1m']),
    h1: dbstat(site.db, ['rollup_1h']),
  };
  const reader = new HistoryReader(site.db);
  const oursTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    reader.query(ids[0]!, end - days * DAY, end, 1000);
    oursTimes.push(performance.now() - t);
  }
  const oursAll: number[] = [];
  const allRows = site.db.prepare('SELECT ts, value, quality FROM samples WHERE point_id = ? AND ts >= ? AND ts < ? ORDER BY ts').raw();
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    allRows.all(ids[0]!, end - days * DAY, end);
    oursAll.push(performance.now() - t);
  }
  await site.storage.stop();
  site.db.close();

  let t0 = performance.now();
  const ha = homeAssistant(path.join(dir, 'home-assistant.db'), COMPARE_POINTS, end, days);
  const haWriteS = (performance.now() - t0) / 1000;
  const states = dbstat(ha, ['states', 'ix_states_metadata_id_last_updated_ts', 'ix_states_context_id_bin', 'ix_states_last_updated_ts', 'ix_states_old_state_id', 'ix_states_attributes_id']);
  const statesTable = dbstat(ha, ['states']);
  const shortTerm = dbstat(ha, ['statistics_short_term', 'ix_statistics_short_term_statistic_id_start_ts', 'ix_statistics_short_term_start_ts']);
  const hourly = dbstat(ha, ['statistics', 'ix_statistics_statistic_id_start_ts', 'ix_statistics_start_ts']);
  const haHistory = ha.prepare(
    'SELECT last_updated_ts, state FROM states WHERE metadata_id = ? AND last_updated_ts >= ? AND last_updated_ts < ? ORDER BY last_updated_ts',
  ).raw();
  const haTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    t0 = performance.now();
    haHistory.all(1, (end - days * DAY) / 1000, end / 1000);
    haTimes.push(performance.now() - t0);
  }
  const haStats = ha.prepare('SELECT start_ts, mean, min, max FROM statistics WHERE metadata_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts').raw();
  const haStatTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    t0 = performance.now();
    haStats.all(1, (end - days * DAY) / 1000, end / 1000);
    haStatTimes.push(performance.now() - t0);
  }
  ha.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const line = (label: string, figure: string) => console.log(`  ${label.padEnd(70)} ${figure}`);
  const per = (bytes: number) => `${fmt(bytes / n, 1).padStart(6)} B/sample`;
  const ms = (times: number[]) => `p50 ${fmt(pct(times, 50), 2).padStart(7)} ms`;
  console.log(`\nStorage per sample: ${COMPARE_POINTS} points × ${days} days of 10-second samples (${fmt(n)} samples), measured with dbstat`);
  line('ours  samples table (clustered on point, time; no other index)', per(ours.raw));
  line('ours  + 1-minute and 1-hour rollups', per(ours.raw + ours.m1 + ours.h1));
  line('HA    states table alone', per(statesTable));
  line('HA    states with its 5 indexes', `${per(states)}  (${fmt(states / ours.raw, 1)} × ours raw)`);
  line(
    'HA    + statistics_short_term (5 min) and statistics (1 h)',
    `${per(states + shortTerm + hourly)}  (${fmt((states + shortTerm + hourly) / (ours.raw + ours.m1 + ours.h1), 1)} × ours with rollups)`,
  );
  line('HA    writing the same rows (SQL only)', `${fmt(haWriteS, 1)} s`);
  console.log(`History of one point over ${days} days`);
  line('ours  history.query, 1000 buckets from the 1-minute rollup', ms(oursTimes));
  line(`ours  every raw sample (${fmt(n / COMPARE_POINTS)} rows)`, ms(oursAll));
  line('HA    every state row (what its history API reads for the range)', ms(haTimes));
  line('HA    hourly statistics (720 rows; its long-range graphs)', ms(haStatTimes));
}

console.log(`bench:history (Node ${process.version}, SQLite via better-sqlite3, figures from this machine)`);
await writeRates();
await historyLatency();
await storageVersusHomeAssistant();
