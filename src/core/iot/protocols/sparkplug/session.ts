import { DecodeError, type ReadingValue } from '../json/decoder';
import {
  DataType,
  decodeSparkplugPayload,
  metricValue,
  parseSparkplugTopic,
  rebirthRequest,
  safeNumber,
  type SparkplugMetric,
  type SparkplugPayload,
} from './codec';

export interface SparkplugReading {
  deviceKey: string;
  /** The metric name, '/' and all. */
  pointName: string;
  value: ReadingValue;
  ts: number;
  unit?: string;
  valueType: 'number' | 'boolean' | 'string';
}

export interface SparkplugStatus {
  deviceKey: string;
  online: boolean;
  /** The message that told: births bring online, deaths take offline. */
  reason: 'NBIRTH' | 'DBIRTH' | 'NDEATH' | 'DDEATH';
}

/** Why a metric of an understood message became no reading. */
export type SparkplugSkipReason = 'no-birth' | 'unknown-metric' | 'unsupported-type' | 'null-value' | 'bad-value' | 'bad-timestamp';

export interface SparkplugSkip {
  deviceKey: string;
  /** The metric's name, or `alias <n>` when it came by alias only. */
  metric: string;
  reason: SparkplugSkipReason;
  message: string;
}

export interface SparkplugResult {
  readings: SparkplugReading[];
  status: SparkplugStatus[];
  /** Metrics left out of `readings`, each with its reason. */
  skipped: SparkplugSkip[];
  /** An NCMD `Node Control/Rebirth` to publish; `reason` says why, for the log. */
  rebirth?: { topic: string; payload: Buffer; reason: string };
  /** The message as a whole was refused: not a Sparkplug topic or payload, or a birth without a sequence number. */
  error?: { reason: 'bad-sparkplug'; message: string };
}

export interface SparkplugSessionOptions {
  /** At most one rebirth request per edge node within this many milliseconds. */
  rebirthIntervalMs: number;
  /** Edge nodes remembered; past this the one born (or first heard of) longest ago is forgotten, so random topics cannot eat memory. */
  maxNodes: number;
}

interface MetricDef {
  name: string;
  datatype: number;
  unit: string | undefined;
}

interface Definitions {
  byName: Map<string, MetricDef>;
  byAlias: Map<bigint, MetricDef>;
}

interface NodeState {
  group: string;
  node: string;
  /** Definitions of the current NBIRTH; null before one and after the node's death. */
  metrics: Definitions | null;
  devices: Map<string, Definitions>;
  bdSeq: bigint | undefined;
  /** The last seq seen, 0..255. */
  seq: number;
  rebirthAt: number | undefined;
}

const BD_SEQ = 'bdSeq';

/** Node Control/* and Device Control/* are writable commands, bdSeq is session bookkeeping: none is telemetry. */
function isProtocolMetric(name: string): boolean {
  return name === BD_SEQ || name.startsWith('Node Control/') || name.startsWith('Device Control/');
}

function metricLabel(m: SparkplugMetric): string {
  return m.name ?? (m.alias !== undefined ? `alias ${m.alias}` : '(unnamed)');
}

function bdSeqOf(p: SparkplugPayload): bigint | undefined {
  const m = p.metrics.find((x) => x.name === BD_SEQ);
  if (m === undefined) return undefined;
  if (m.raw.field === 'longValue') return m.raw.value;
  if (m.raw.field === 'intValue') return BigInt(m.raw.value >>> 0);
  return undefined;
}

function seqOf(p: SparkplugPayload): number | undefined {
  const n = p.seq === undefined ? undefined : safeNumber(p.seq);
  return n !== undefined && n <= 255 ? n : undefined;
}

/**
 * The host-application side of Sparkplug B for one broker link: tracks each edge node's
 * session (births, aliases, seq, bdSeq) and turns its messages into readings and
 * online/offline changes. Pure: no MQTT, no clock; the caller publishes `rebirth`.
 * Never throws for bad input.
 */
export class SparkplugSession {
  private readonly nodes = new Map<string, NodeState>();
  private readonly options: SparkplugSessionOptions;
  private missing = 0;

  constructor(options: Partial<SparkplugSessionOptions> = {}) {
    this.options = { rebirthIntervalMs: 5000, maxNodes: 10_000, ...options };
  }

  /** Messages the edge nodes' seq numbers show lost since the session began. */
  get lostMessages(): number {
    return this.missing;
  }

  accept(topic: string, payload: Uint8Array, receivedAt: number): SparkplugResult {
    const result: SparkplugResult = { readings: [], status: [], skipped: [] };
    try {
      const t = parseSparkplugTopic(topic);
      // Host STATE and commands (ours or another host's) carry no telemetry.
      if (t.kind === 'state' || t.type === 'NCMD' || t.type === 'DCMD') return result;
      const p = decodeSparkplugPayload(payload);
      const nodeKey = `${t.group}/${t.node}`;
      if (t.type === 'NBIRTH') this.nodeBirth(t.group, t.node, p, receivedAt, result);
      else if (t.type === 'NDEATH') this.nodeDeath(nodeKey, p, result);
      else {
        const state = this.nodes.get(nodeKey) ?? this.remember(t.group, t.node);
        this.inSession(state, t.kind === 'device' ? t.device : undefined, t.type, p, receivedAt, result);
      }
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      result.error = { reason: 'bad-sparkplug', message: err.message };
    }
    return result;
  }

  private remember(group: string, node: string): NodeState {
    const key = `${group}/${node}`;
    if (this.nodes.size >= this.options.maxNodes) {
      const oldest = this.nodes.keys().next();
      if (oldest.done !== true) this.nodes.delete(oldest.value);
    }
    const state: NodeState = { group, node, metrics: null, devices: new Map(), bdSeq: undefined, seq: 0, rebirthAt: undefined };
    this.nodes.set(key, state);
    return state;
  }

  private nodeBirth(group: string, node: string, p: SparkplugPayload, receivedAt: number, result: SparkplugResult): void {
    const seq = seqOf(p);
    if (seq === undefined) throw new DecodeError('bad-sparkplug', `NBIRTH of ${group}/${node} has no seq 0..255`);
    const key = `${group}/${node}`;
    const prev = this.nodes.get(key);
    const bdSeq = bdSeqOf(p);
    // A new bdSeq is a new MQTT session: devices of the old one are gone unless they are born again.
    if (prev?.metrics != null && prev.bdSeq !== bdSeq) {
      for (const device of prev.devices.keys()) result.status.push({ deviceKey: `${key}/${device}`, online: false, reason: 'NDEATH' });
    }
    // Re-inserted, so the map's order is by last birth and eviction takes the node born longest ago.
    this.nodes.delete(key);
    const state = this.remember(group, node);
    state.metrics = this.define(key, p, receivedAt, result);
    state.bdSeq = bdSeq;
    state.seq = seq;
    result.status.push({ deviceKey: key, online: true, reason: 'NBIRTH' });
  }

  private nodeDeath(key: string, p: SparkplugPayload, result: SparkplugResult): void {
    const state = this.nodes.get(key);
    if (state?.metrics == null) {
      // No live session to protect: the death is the latest word on this node.
      result.status.push({ deviceKey: key, online: false, reason: 'NDEATH' });
      return;
    }
    // The broker sends the will of a connection long gone (a stale bdSeq) after the node's next birth: ignore it.
    if (bdSeqOf(p) !== state.bdSeq) return;
    result.status.push({ deviceKey: key, online: false, reason: 'NDEATH' });
    for (const device of state.devices.keys()) result.status.push({ deviceKey: `${key}/${device}`, online: false, reason: 'NDEATH' });
    state.metrics = null;
    state.devices.clear();
  }

  /** NDATA, DBIRTH, DDATA and DDEATH: messages that belong to a born node's session and carry seq. */
  private inSession(
    state: NodeState,
    device: string | undefined,
    type: 'NDATA' | 'DBIRTH' | 'DDATA' | 'DDEATH',
    p: SparkplugPayload,
    receivedAt: number,
    result: SparkplugResult,
  ): void {
    const nodeKey = `${state.group}/${state.node}`;
    const deviceKey = device === undefined ? nodeKey : `${nodeKey}/${device}`;
    if (state.metrics === null) {
      this.skipAll(deviceKey, p, 'no-birth', `${type} before the NBIRTH of ${nodeKey}`, result);
      this.requestRebirth(state, receivedAt, `${type} from ${nodeKey} before its NBIRTH`, result);
      return;
    }
    const seq = seqOf(p);
    const expected = (state.seq + 1) % 256;
    if (seq !== expected) {
      // seq counts 0..255 per edge node: the messages between the expected one and this one were lost.
      this.missing += seq === undefined ? 1 : (seq - expected + 256) % 256;
      this.requestRebirth(state, receivedAt, `seq gap on ${nodeKey}: expected ${expected}, got ${seq ?? 'none'}`, result);
    }
    // Resynchronise, so one lost message asks for one rebirth, not one per message after it.
    if (seq !== undefined) state.seq = seq;

    if (type === 'DBIRTH' && device !== undefined) {
      state.devices.set(device, this.define(deviceKey, p, receivedAt, result));
      result.status.push({ deviceKey, online: true, reason: 'DBIRTH' });
    } else if (type === 'DDEATH' && device !== undefined) {
      state.devices.delete(device);
      result.status.push({ deviceKey, online: false, reason: 'DDEATH' });
    } else {
      const defs = device === undefined ? state.metrics : state.devices.get(device);
      if (defs === undefined) {
        this.skipAll(deviceKey, p, 'no-birth', `DDATA before the DBIRTH of ${deviceKey}`, result);
        this.requestRebirth(state, receivedAt, `DDATA from ${deviceKey} before its DBIRTH`, result);
        return;
      }
      let unknown = 0;
      for (const m of p.metrics) {
        const def = m.name !== undefined ? defs.byName.get(m.name) : m.alias !== undefined ? defs.byAlias.get(m.alias) : undefined;
        if (def === undefined) {
          unknown++;
          result.skipped.push({ deviceKey, metric: metricLabel(m), reason: 'unknown-metric', message: `not defined in the birth of ${deviceKey}` });
          continue;
        }
        this.read(deviceKey, def, m, p, receivedAt, result);
      }
      if (unknown > 0) this.requestRebirth(state, receivedAt, `${unknown} metric(s) of ${deviceKey} not in its birth`, result);
    }
  }

  /** A birth's metrics become the definitions of names and aliases; their values are readings too. */
  private define(deviceKey: string, p: SparkplugPayload, receivedAt: number, result: SparkplugResult): Definitions {
    const defs: Definitions = { byName: new Map(), byAlias: new Map() };
    for (const m of p.metrics) {
      if (m.name === undefined) {
        result.skipped.push({ deviceKey, metric: metricLabel(m), reason: 'unknown-metric', message: 'a birth metric has no name' });
        continue;
      }
      const def: MetricDef = { name: m.name, datatype: m.datatype ?? DataType.Unknown, unit: m.unit };
      defs.byName.set(def.name, def);
      if (m.alias !== undefined) defs.byAlias.set(m.alias, def);
      this.read(deviceKey, def, m, p, receivedAt, result);
    }
    return defs;
  }

  private read(deviceKey: string, def: MetricDef, m: SparkplugMetric, p: SparkplugPayload, receivedAt: number, result: SparkplugResult): void {
    if (isProtocolMetric(def.name)) return;
    const v = metricValue(m, m.datatype ?? def.datatype);
    if (!v.ok) {
      result.skipped.push({ deviceKey, metric: def.name, reason: v.reason, message: v.message });
      return;
    }
    const rawTs = m.timestamp ?? p.timestamp;
    const ts = rawTs === undefined ? receivedAt : safeNumber(rawTs);
    if (ts === undefined) {
      result.skipped.push({ deviceKey, metric: def.name, reason: 'bad-timestamp', message: `timestamp ${rawTs} is beyond any date` });
      return;
    }
    const unit = m.unit ?? def.unit;
    result.readings.push({ deviceKey, pointName: def.name, value: v.value, ts, valueType: v.valueType, ...(unit !== undefined ? { unit } : {}) });
  }

  private skipAll(deviceKey: string, p: SparkplugPayload, reason: SparkplugSkipReason, message: string, result: SparkplugResult): void {
    for (const m of p.metrics) result.skipped.push({ deviceKey, metric: metricLabel(m), reason, message });
  }

  private requestRebirth(state: NodeState, receivedAt: number, reason: string, result: SparkplugResult): void {
    if (state.rebirthAt !== undefined && Math.abs(receivedAt - state.rebirthAt) < this.options.rebirthIntervalMs) return;
    state.rebirthAt = receivedAt;
    result.rebirth = { ...rebirthRequest(state.group, state.node, receivedAt), reason };
  }
}
