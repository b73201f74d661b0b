import sparkplug from 'sparkplug-payload';
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { SparkplugSession, type SparkplugResult } from '../../src/core/iot/protocols/sparkplug/session';

// Payloads come from Tahu's own encoder, as a real edge node would send them.
const spb = sparkplug.get('spBv1.0')!;
const T0 = 1_700_000_000_000;

/** Writes the messages of one edge node with its seq counter, as the Sparkplug B spec orders them. */
class EdgeNodeScript {
  private seq = 0;
  constructor(
    readonly group: string,
    readonly node: string,
    public bdSeq = 0,
  ) {}

  private next(): number {
    const s = this.seq;
    this.seq = (this.seq + 1) % 256;
    return s;
  }

  nbirth(metrics: UMetric[]): [string, Buffer] {
    this.seq = 0;
    const all: UMetric[] = [{ name: 'bdSeq', type: 'UInt64', value: this.bdSeq }, { name: 'Node Control/Rebirth', type: 'Boolean', value: false }, ...metrics];
    return [`spBv1.0/${this.group}/NBIRTH/${this.node}`, this.encode(all, this.next())];
  }

  ndeath(bdSeq = this.bdSeq): [string, Buffer] {
    return [`spBv1.0/${this.group}/NDEATH/${this.node}`, Buffer.from(spb.encodePayload({ timestamp: T0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: bdSeq }] }))];
  }

  ndata(metrics: UMetric[]): [string, Buffer] {
    return [`spBv1.0/${this.group}/NDATA/${this.node}`, this.encode(metrics, this.next())];
  }

  dbirth(device: string, metrics: UMetric[]): [string, Buffer] {
    return [`spBv1.0/${this.group}/DBIRTH/${this.node}/${device}`, this.encode(metrics, this.next())];
  }

  ddata(device: string, metrics: UMetric[]): [string, Buffer] {
    return [`spBv1.0/${this.group}/DDATA/${this.node}/${device}`, this.encode(metrics, this.next())];
  }

  ddeath(device: string): [string, Buffer] {
    return [`spBv1.0/${this.group}/DDEATH/${this.node}/${device}`, this.encode([], this.next())];
  }

  /** Skips a seq number, as if a message had been lost on the way. */
  lose(): void {
    this.next();
  }

  private encode(metrics: UMetric[], seq: number): Buffer {
    return Buffer.from(spb.encodePayload({ timestamp: T0, seq, metrics }));
  }
}

const ahuMetrics: UMetric[] = [
  { name: 'Supply/Temperature', alias: 10, type: 'Float', value: 16.5, properties: { engUnit: { type: 'String', value: '°C' } } },
  { name: 'Fan/Running', alias: 11, type: 'Boolean', value: true },
  { name: 'Mode', alias: 12, type: 'String', value: 'auto' },
  { name: 'Energy', alias: 13, type: 'UInt64', value: 123_456_789_012 },
];

let session: SparkplugSession;
let edge: EdgeNodeScript;

function feed([topic, payload]: [string, Buffer], receivedAt = T0 + 50): SparkplugResult {
  return session.accept(topic, payload, receivedAt);
}

function values(r: SparkplugResult): Record<string, unknown> {
  return Object.fromEntries(r.readings.map((x) => [`${x.deviceKey}:${x.pointName}`, x.value]));
}

function rebirthMetrics(r: SparkplugResult): unknown {
  return r.rebirth === undefined ? undefined : spb.decodePayload(r.rebirth.payload).metrics;
}

beforeEach(() => {
  session = new SparkplugSession({ rebirthIntervalMs: 5000 });
  edge = new EdgeNodeScript('plant', 'edge1');
});

describe('SparkplugSession births and data', () => {
  it('defines metrics in births and reads data sent by alias only', () => {
    const nb = feed(edge.nbirth([{ name: 'Uptime', alias: 1, type: 'Int32', value: 5 }]));
    expect(nb.status).toEqual([{ deviceKey: 'plant/edge1', online: true, reason: 'NBIRTH' }]);
    // bdSeq and Node Control/* are protocol, not telemetry.
    expect(values(nb)).toEqual({ 'plant/edge1:Uptime': 5 });

    const db = feed(edge.dbirth('ahu-1', ahuMetrics));
    expect(db.status).toEqual([{ deviceKey: 'plant/edge1/ahu-1', online: true, reason: 'DBIRTH' }]);
    expect(db.readings).toContainEqual({ deviceKey: 'plant/edge1/ahu-1', pointName: 'Supply/Temperature', value: 16.5, ts: T0, unit: '°C', valueType: 'number' });
    expect(db.readings).toContainEqual({ deviceKey: 'plant/edge1/ahu-1', pointName: 'Fan/Running', value: true, ts: T0, valueType: 'boolean' });

    const dd = feed(
      edge.ddata('ahu-1', [
        { alias: 10, type: 'Float', value: 17.25, timestamp: T0 + 10 },
        { alias: 12, type: 'String', value: 'manual' },
        { alias: 13, type: 'UInt64', value: 123_456_789_999 },
      ]),
    );
    expect(dd.error).toBeUndefined();
    expect(dd.rebirth).toBeUndefined();
    expect(dd.readings).toEqual([
      { deviceKey: 'plant/edge1/ahu-1', pointName: 'Supply/Temperature', value: 17.25, ts: T0 + 10, unit: '°C', valueType: 'number' },
      { deviceKey: 'plant/edge1/ahu-1', pointName: 'Mode', value: 'manual', ts: T0, valueType: 'string' },
      { deviceKey: 'plant/edge1/ahu-1', pointName: 'Energy', value: 123_456_789_999, ts: T0, valueType: 'number' },
    ]);

    const nd = feed(edge.ndata([{ alias: 1, type: 'Int32', value: 6 }]));
    expect(values(nd)).toEqual({ 'plant/edge1:Uptime': 6 });
  });

  it('uses the metric timestamp, else the payload timestamp, else the time received', () => {
    feed(edge.nbirth([{ name: 'x', alias: 1, type: 'Double', value: 1 }]));
    const withoutTimes = spb.encodePayload({ seq: 1, metrics: [{ name: 'x', type: 'Double', value: 2 }] });
    const r = session.accept('spBv1.0/plant/NDATA/edge1', withoutTimes, T0 + 999);
    expect(r.readings).toEqual([{ deviceKey: 'plant/edge1', pointName: 'x', value: 2, ts: T0 + 999, valueType: 'number' }]);
  });

  it('skips unsupported and non-finite metrics with a reason and keeps the rest of the message', () => {
    feed(edge.nbirth([]));
    const r = feed(
      edge.dbirth('meter', [
        { name: 'table', type: 'DataSet', value: { numOfColumns: 1, columns: ['c'], types: ['Int32'], rows: [[1]] } },
        { name: 'raw', type: 'Bytes', value: new Uint8Array([1]) },
        { name: 'broken', type: 'Double', value: NaN },
        { name: 'unset', type: 'Double', value: null },
        { name: 'kWh', type: 'Double', value: 42 },
      ]),
    );
    expect(values(r)).toEqual({ 'plant/edge1/meter:kWh': 42 });
    expect(r.skipped.map((s) => [s.metric, s.reason])).toEqual([
      ['table', 'unsupported-type'],
      ['raw', 'unsupported-type'],
      ['broken', 'bad-value'],
      ['unset', 'null-value'],
    ]);
  });

  it('keeps the seq across its wrap from 255 to 0 without a rebirth', () => {
    feed(edge.nbirth([{ name: 'n', alias: 1, type: 'Int32', value: 0 }]));
    for (let i = 1; i <= 300; i++) {
      const r = feed(edge.ndata([{ alias: 1, type: 'Int32', value: i }]));
      expect(r.rebirth).toBeUndefined();
      expect(r.readings[0]?.value).toBe(i);
    }
  });
});

describe('SparkplugSession deaths', () => {
  it('marks one device offline on DDEATH and online again on its next DBIRTH', () => {
    feed(edge.nbirth([]));
    feed(edge.dbirth('ahu-1', ahuMetrics));
    feed(edge.dbirth('ahu-2', ahuMetrics));
    expect(feed(edge.ddeath('ahu-1')).status).toEqual([{ deviceKey: 'plant/edge1/ahu-1', online: false, reason: 'DDEATH' }]);

    // Data of a dead device is not taken; the node is asked to rebirth.
    const late = feed(edge.ddata('ahu-1', [{ alias: 10, type: 'Float', value: 1 }]));
    expect(late.readings).toEqual([]);
    expect(late.skipped).toMatchObject([{ reason: 'no-birth' }]);
    expect(late.rebirth?.topic).toBe('spBv1.0/plant/NCMD/edge1');

    expect(feed(edge.dbirth('ahu-1', ahuMetrics)).status).toEqual([{ deviceKey: 'plant/edge1/ahu-1', online: true, reason: 'DBIRTH' }]);
    expect(values(feed(edge.ddata('ahu-2', [{ alias: 11, type: 'Boolean', value: false }])))).toEqual({
      'plant/edge1/ahu-2:Fan/Running': false,
    });
  });

  it('takes the node and all its devices offline on the NDEATH of the current session', () => {
    feed(edge.nbirth([]));
    feed(edge.dbirth('ahu-1', ahuMetrics));
    feed(edge.dbirth('ahu-2', ahuMetrics));
    expect(feed(edge.ndeath()).status).toEqual([
      { deviceKey: 'plant/edge1', online: false, reason: 'NDEATH' },
      { deviceKey: 'plant/edge1/ahu-1', online: false, reason: 'NDEATH' },
      { deviceKey: 'plant/edge1/ahu-2', online: false, reason: 'NDEATH' },
    ]);
    // After the death, data needs a new birth first.
    const r = feed(edge.ddata('ahu-1', [{ alias: 10, type: 'Float', value: 1 }]));
    expect(r.readings).toEqual([]);
    expect(r.skipped).toMatchObject([{ reason: 'no-birth' }]);
  });

  it('ignores a stale NDEATH whose bdSeq belongs to an earlier session', () => {
    edge.bdSeq = 4;
    feed(edge.nbirth([]));
    feed(edge.dbirth('ahu-1', ahuMetrics));
    // The will of connection 3 arrives after connection 4 was born.
    expect(feed(edge.ndeath(3)).status).toEqual([]);
    expect(values(feed(edge.ddata('ahu-1', [{ alias: 11, type: 'Boolean', value: false }])))).toEqual({
      'plant/edge1/ahu-1:Fan/Running': false,
    });
    expect(feed(edge.ndeath(4)).status[0]).toEqual({ deviceKey: 'plant/edge1', online: false, reason: 'NDEATH' });
  });

  it('takes the devices of a missed session offline when the node is born with a new bdSeq', () => {
    feed(edge.nbirth([]));
    feed(edge.dbirth('ahu-1', ahuMetrics));
    edge.bdSeq = 1;
    expect(feed(edge.nbirth([])).status).toEqual([
      { deviceKey: 'plant/edge1/ahu-1', online: false, reason: 'NDEATH' },
      { deviceKey: 'plant/edge1', online: true, reason: 'NBIRTH' },
    ]);
  });
});

describe('SparkplugSession rebirth requests', () => {
  it('asks for a rebirth on a seq gap, once per interval, and takes the births that answer it', () => {
    feed(edge.nbirth([]));
    feed(edge.dbirth('ahu-1', ahuMetrics));
    edge.lose();
    const gap = feed(edge.ddata('ahu-1', [{ alias: 10, type: 'Float', value: 18 }]), T0 + 100);
    expect(gap.rebirth?.topic).toBe('spBv1.0/plant/NCMD/edge1');
    expect(gap.rebirth?.reason).toContain('seq gap');
    expect(rebirthMetrics(gap)).toEqual([expect.objectContaining({ name: 'Node Control/Rebirth', type: 'Boolean', value: true })]);
    // The values themselves are good and are kept.
    expect(values(gap)).toEqual({ 'plant/edge1/ahu-1:Supply/Temperature': 18 });

    edge.lose();
    expect(feed(edge.ddata('ahu-1', []), T0 + 2000).rebirth).toBeUndefined();
    edge.lose();
    expect(feed(edge.ddata('ahu-1', []), T0 + 5200).rebirth).toBeDefined();

    feed(edge.nbirth([]), T0 + 5300);
    feed(edge.dbirth('ahu-1', ahuMetrics), T0 + 5300);
    // The birth answered the request: the next gap may ask again at once.
    edge.lose();
    expect(feed(edge.ddata('ahu-1', []), T0 + 5400).rebirth).toBeDefined();
  });

  it('counts the messages its seq gaps show lost, across the wrap at 255', () => {
    feed(edge.nbirth([]));
    feed(edge.dbirth('ahu-1', ahuMetrics));
    expect(session.lostMessages).toBe(0);
    edge.lose();
    edge.lose();
    edge.lose();
    feed(edge.ddata('ahu-1', []));
    expect(session.lostMessages).toBe(3);
    for (let i = 0; i < 260; i++) feed(edge.ddata('ahu-1', []));
    expect(session.lostMessages).toBe(3);
    edge.lose();
    feed(edge.ddata('ahu-1', []));
    expect(session.lostMessages).toBe(4);
  });

  it('asks for a rebirth on data before any NBIRTH and takes none of it', () => {
    const r = feed(edge.ndata([{ name: 'x', type: 'Double', value: 1 }]));
    expect(r.readings).toEqual([]);
    expect(r.skipped).toEqual([{ deviceKey: 'plant/edge1', metric: 'x', reason: 'no-birth', message: expect.any(String) }]);
    expect(rebirthMetrics(r)).toEqual([expect.objectContaining({ name: 'Node Control/Rebirth', value: true })]);
  });

  it('asks for a rebirth on an alias never seen in a birth and does not guess its name', () => {
    feed(edge.nbirth([]));
    feed(edge.dbirth('ahu-1', ahuMetrics));
    const r = feed(
      edge.ddata('ahu-1', [{ alias: 99, type: 'Float', value: 1 }, { alias: 10, type: 'Float', value: 19 }]),
    );
    expect(values(r)).toEqual({ 'plant/edge1/ahu-1:Supply/Temperature': 19 });
    expect(r.skipped).toEqual([{ deviceKey: 'plant/edge1/ahu-1', metric: 'alias 99', reason: 'unknown-metric', message: expect.any(String) }]);
    expect(r.rebirth?.reason).toContain('not in its birth');
  });
});

describe('SparkplugSession bad input', () => {
  it('returns an error for a malformed protobuf and does not throw', () => {
    feed(edge.nbirth([]));
    // A metrics field that announces 5 bytes and carries 1.
    const r = session.accept('spBv1.0/plant/NDATA/edge1', Buffer.from([0x12, 0x05, 0x01]), T0);
    expect(r.error?.reason).toBe('bad-sparkplug');
    expect(r.readings).toEqual([]);
  });

  it('returns an error for a topic outside Sparkplug B and for a birth without seq', () => {
    expect(session.accept('spBv1.0/plant/NDATA', Buffer.alloc(0), T0).error?.message).toContain('too short');
    const noSeq = spb.encodePayload({ timestamp: T0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] });
    expect(session.accept('spBv1.0/plant/NBIRTH/edge1', noSeq, T0).error?.message).toContain('no seq');
  });

  it('ignores host STATE and command messages', () => {
    expect(session.accept('spBv1.0/STATE/host', Buffer.from('{"online":true}'), T0)).toEqual({ readings: [], status: [], skipped: [] });
    const [, cmd] = edge.ndata([{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }]);
    expect(session.accept('spBv1.0/plant/NCMD/edge1', cmd, T0)).toEqual({ readings: [], status: [], skipped: [] });
  });

  it('forgets the node born longest ago beyond its node limit', () => {
    session = new SparkplugSession({ maxNodes: 2 });
    const nodes = ['a', 'b', 'c'].map((n) => new EdgeNodeScript('g', n));
    for (const n of nodes) session.accept(...n.nbirth([{ name: 'x', alias: 1, type: 'Int32', value: 1 }]), T0);
    expect(session.accept(...nodes[0]!.ndata([{ alias: 1, type: 'Int32', value: 2 }]), T0).skipped[0]?.reason).toBe('no-birth');
    expect(session.accept(...nodes[2]!.ndata([{ alias: 1, type: 'Int32', value: 2 }]), T0).readings).toHaveLength(1);
  });
});
