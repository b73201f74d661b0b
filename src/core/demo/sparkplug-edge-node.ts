import mqtt, { type MqttClient } from 'mqtt';
import type { ReadingValue } from '../iot/protocols/json/decoder';
import {
  decodeSparkplugPayload,
  encodeSparkplugPayload,
  REBIRTH_METRIC,
  sparkplugTopic,
  type UMetric,
} from '../iot/protocols/sparkplug/codec';
import { hostStateTopic, parseHostState } from '../iot/protocols/sparkplug/host-state';
import { errorText } from '../../shared/errors';

/** One device behind the edge node; its metrics are whatever `read` returns. */
export interface EdgeDevice {
  id: string;
  /** The current value of each metric, by name; called at each publish. */
  read: () => Record<string, ReadingValue>;
  /** Engineering units by metric name, sent in births as the `engUnit` property. */
  units?: Record<string, string>;
}

export interface SparkplugEdgeNodeOptions {
  brokerUrl: string;
  groupId: string;
  edgeNodeId: string;
  devices: EdgeDevice[];
  publishIntervalMs: number;
  /**
   * The Sparkplug host application to wait for: births go out once it announces itself online
   * (and again each time it comes back), data only while it is. Left out: births at connect.
   */
  primaryHostId?: string;
  reconnectMs?: number;
  /** Connection and protocol trouble; the node keeps reconnecting regardless. */
  onError?: (err: Error) => void;
}

export interface SparkplugEdgeNode {
  /** The bdSeq of the current (or next) MQTT session, as carried by its NBIRTH and its NDEATH will. */
  readonly bdSeq: number;
  /** Publishes the NDEATH, as the spec asks of a node that leaves on purpose, and disconnects. */
  stop(): Promise<void>;
}

/** The NDEATH and the disconnect of stop() may take this long. */
const STOP_TIMEOUT_MS = 2000;

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

type SparkplugType = 'Double' | 'Boolean' | 'String';

function typeOf(v: ReadingValue): SparkplugType {
  return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
}

interface Born {
  /** Per metric: its type in the birth and the value last published. */
  metrics: Map<string, { type: SparkplugType; value: ReadingValue }>;
}

/**
 * A Sparkplug B edge node over MQTT, as a PLC gateway would run it: NBIRTH and DBIRTHs on
 * connect, DDATA by alias with only the metrics that changed (report by exception), NDEATH as
 * its will with the session's bdSeq, and births again when a host sends NCMD Node Control/Rebirth.
 */
class EdgeNode implements SparkplugEdgeNode {
  private client: MqttClient | null = null;
  private seq = 0;
  private currentBdSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly born = new Map<string, Born>();
  /** Aliases are unique across the node and kept across rebirths. */
  private readonly aliases = new Map<string, number>();
  /** The primary host is online (always true without one). */
  private hostOnline: boolean;
  /** Timestamp of the newest host state seen: an older (stale, retained) one is ignored. */
  private hostStateAt = -Infinity;

  constructor(private readonly options: SparkplugEdgeNodeOptions) {
    this.hostOnline = options.primaryHostId === undefined;
  }

  get bdSeq(): number {
    return this.currentBdSeq;
  }

  start(): Promise<void> {
    const o = this.options;
    return new Promise((resolve, reject) => {
      const client = mqtt.connect(o.brokerUrl, {
        clientId: `spb-${o.groupId}-${o.edgeNodeId}-${process.pid}`,
        clean: true,
        reconnectPeriod: o.reconnectMs ?? 2000,
        // Births are sent afresh on every connect; stale queued data would carry the old session's seq.
        queueQoSZero: false,
        resubscribe: false,
        will: this.will(),
      });
      this.client = client;
      let started = false;
      const topics = [sparkplugTopic(o.groupId, 'NCMD', o.edgeNodeId)];
      if (o.primaryHostId !== undefined) topics.push(hostStateTopic(o.primaryHostId));
      client.on('connect', () => {
        client.subscribe(topics, { qos: 1 }, (err) => {
          if (err) {
            this.fail(err);
            return;
          }
          // With a primary host, the births wait for its (retained) state, which the subscription brings.
          if (this.hostOnline) this.publishBirths();
          if (!started) {
            started = true;
            this.timer = setInterval(() => this.publishData(), o.publishIntervalMs);
            resolve();
          }
        });
      });
      client.on('close', () => {
        if (this.client !== client) return;
        if (o.primaryHostId !== undefined) this.hostOnline = false;
        // Each MQTT session has its own bdSeq; the broker holds the will for the next one.
        this.currentBdSeq = (this.currentBdSeq + 1) % 256;
        client.options.will = this.will();
      });
      client.on('error', (err) => {
        if (!started) {
          this.client = null;
          client.end(true);
          reject(err);
        } else this.fail(err);
      });
      client.on('message', (topic, payload) => {
        if (o.primaryHostId !== undefined && topic === hostStateTopic(o.primaryHostId)) this.hostState(payload);
        else this.command(payload);
      });
    });
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    if (client === null) return;
    // Bounded: a broker that vanished a moment ago still looks connected, and would never answer.
    if (client.connected) {
      const goodbye = client.publishAsync(sparkplugTopic(this.options.groupId, 'NDEATH', this.options.edgeNodeId), this.deathPayload());
      await withTimeout(goodbye.then(() => client.endAsync()).catch(() => undefined), STOP_TIMEOUT_MS);
    }
    if (!client.disconnected) await client.endAsync(true);
  }

  private fail(err: Error): void {
    this.options.onError?.(err);
  }

  private will(): { topic: string; payload: Buffer; qos: 1; retain: false } {
    return { topic: sparkplugTopic(this.options.groupId, 'NDEATH', this.options.edgeNodeId), payload: this.deathPayload(), qos: 1, retain: false };
  }

  private deathPayload(): Buffer {
    return encodeSparkplugPayload({ timestamp: Date.now(), metrics: [{ name: 'bdSeq', type: 'UInt64', value: this.currentBdSeq }] });
  }

  private nextSeq(): number {
    const s = this.seq;
    this.seq = (this.seq + 1) % 256;
    return s;
  }

  private alias(device: string, name: string): number {
    const key = `${device}\u0000${name}`;
    let a = this.aliases.get(key);
    if (a === undefined) {
      a = this.aliases.size + 1;
      this.aliases.set(key, a);
    }
    return a;
  }

  private publish(topic: string, timestamp: number, metrics: UMetric[]): void {
    this.client?.publish(topic, encodeSparkplugPayload({ timestamp, seq: this.nextSeq(), metrics }), { qos: 0 });
  }

  private publishBirths(): void {
    const { groupId, edgeNodeId } = this.options;
    this.seq = 0;
    this.born.clear();
    this.publish(sparkplugTopic(groupId, 'NBIRTH', edgeNodeId), Date.now(), [
      { name: 'bdSeq', type: 'UInt64', value: this.currentBdSeq },
      { name: REBIRTH_METRIC, type: 'Boolean', value: false },
    ]);
    for (const device of this.options.devices) this.publishDeviceBirth(device);
  }

  /** The device's values, or null when its source fails: one bad source must not stop the node's timer. */
  private read(device: EdgeDevice): Record<string, ReadingValue> | null {
    try {
      return device.read();
    } catch (err) {
      this.fail(new Error(`reading device ${device.id} failed: ${errorText(err)}`));
      return null;
    }
  }

  private publishDeviceBirth(device: EdgeDevice, values = this.read(device)): void {
    if (values === null) return;
    const born: Born = { metrics: new Map() };
    const metrics: UMetric[] = Object.entries(values).map(([name, value]) => {
      const type = typeOf(value);
      born.metrics.set(name, { type, value });
      const unit = device.units?.[name];
      return {
        name,
        alias: this.alias(device.id, name),
        type,
        value,
        ...(unit !== undefined ? { properties: { engUnit: { type: 'String', value: unit } } } : {}),
      };
    });
    this.born.set(device.id, born);
    this.publish(sparkplugTopic(this.options.groupId, 'DBIRTH', this.options.edgeNodeId, device.id), Date.now(), metrics);
  }

  private publishData(): void {
    if (this.client?.connected !== true || !this.hostOnline) return;
    const now = Date.now();
    for (const device of this.options.devices) {
      const born = this.born.get(device.id);
      const values = this.read(device);
      if (values === null) continue;
      // A metric the birth did not declare, or one whose type changed, needs a new DBIRTH.
      const redefined = born === undefined || Object.entries(values).some(([name, v]) => born.metrics.get(name)?.type !== typeOf(v));
      if (redefined) {
        this.publishDeviceBirth(device, values);
        continue;
      }
      const changed: UMetric[] = [];
      for (const [name, value] of Object.entries(values)) {
        const last = born.metrics.get(name)!;
        if (Object.is(last.value, value)) continue;
        last.value = value;
        changed.push({ alias: this.alias(device.id, name), type: last.type, value });
      }
      if (changed.length > 0) this.publish(sparkplugTopic(this.options.groupId, 'DDATA', this.options.edgeNodeId, device.id), now, changed);
    }
  }

  /** The primary host came online (births for it), went offline (data paused), or a stale state arrived (ignored). */
  private hostState(payload: Buffer): void {
    const state = parseHostState(payload);
    if (state === null) {
      this.fail(new Error(`the state of host ${this.options.primaryHostId} is not {"online": boolean, "timestamp": number}`));
      return;
    }
    if (state.timestamp < this.hostStateAt) return;
    this.hostStateAt = state.timestamp;
    this.hostOnline = state.online;
    if (state.online) this.publishBirths();
  }

  private command(payload: Buffer): void {
    let rebirth = false;
    try {
      rebirth = decodeSparkplugPayload(payload).metrics.some((m) => m.name === REBIRTH_METRIC && m.raw.field === 'booleanValue' && m.raw.value);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
    if (rebirth) this.publishBirths();
  }
}

/** Connects an edge node and publishes its births; resolves once they are out. */
export async function startSparkplugEdgeNode(options: SparkplugEdgeNodeOptions): Promise<SparkplugEdgeNode> {
  const node = new EdgeNode(options);
  await node.start();
  return node;
}
