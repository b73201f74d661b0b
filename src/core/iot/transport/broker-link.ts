import mqtt, { type IConnackPacket, type IDisconnectPacket, type MqttClient } from 'mqtt';
import { brokerDefaults, type BrokerConfig } from '../../../shared/contract/schemas/brokers';
import {
  describeLinkError,
  describeReasonCode,
  describeSilentClose,
  isVersionRefusal,
  redactUrl,
  subscriptionRefusal,
  type LinkError,
} from './broker-errors';
import { BROKER_DROP_FILTERS, BrokerDropCounter, isBrokerDropTopic } from './broker-drops';
import { installPubackGate } from './puback-gate';
import { backoffDelay, backoffOf, connectOptions, linkClientId, protocolVersionOf, subscriptionFilters } from './broker-options';
import type { Outbound, Protocol } from '../protocols/protocol';

/** What a link needs of its protocols: what to subscribe, and what to publish around a session. */
export type LinkProtocol = Pick<Protocol, 'filters' | 'will' | 'birth' | 'farewell' | 'lost'>;

export type LinkState = 'connecting' | 'up' | 'down' | 'stopped';

export interface LinkStatus {
  id: string;
  name: string;
  url: string;
  state: LinkState;
  /** The last failure in plain words, while the link is not up. */
  lastError: string | null;
  /** When the link entered its state: a link that keeps failing stays `down` since it went down. */
  since: number;
  embedded: boolean;
  /** Connections re-established after a loss, since start. */
  reconnects: number;
  /** Messages the broker says it dropped (queue or in-flight limits) since the link started; null when it does not say. */
  droppedByBroker: number | null;
  /** Messages the devices' own sequence numbers show missing (Sparkplug B seq gaps), since start. */
  sequenceGaps: number;
}

export interface BrokerLinkEvents {
  /**
   * One message from the broker. `false` means it was not taken (the database is refusing writes): a QoS 1
   * message is then left unacknowledged and the connection dropped, so the broker delivers it again.
   */
  onMessage(linkId: string, topic: string, payload: Buffer): boolean | void;
  onStatus(status: LinkStatus): void;
  /**
   * Calls `done` once every message onMessage has taken is committed; a QoS 1 message is acknowledged
   * to the broker only then (see ackAfterCommit). Left out, it is acknowledged when onMessage returns.
   */
  whenCommitted?(done: () => void): void;
}

export interface BrokerLinkOptions {
  /** Stable per data directory; the default client id derives from it (see linkClientId). */
  installationId: string;
  /** True for the embedded demo broker. */
  embedded?: boolean;
}

/** A connection that stayed up this long resets the backoff; a broker that drops every link at once does not. */
const STABLE_AFTER_MS = 10_000;
/** A graceful end (acks out, DISCONNECT sent) may take this long before the socket is cut. */
const END_TIMEOUT_MS = 2_000;

/** One connection attempt and what ended it. */
interface Connection {
  client: MqttClient;
  error: string | null;
  /** The broker refused the MQTT version asked for. */
  versionRefused: boolean;
  /** The broker accepted the CONNECT. */
  answered: boolean;
  upAt: number | null;
  /** The last message was not taken (see BrokerLinkEvents.onMessage). */
  refused: boolean;
  /** When the attempt began: the Sparkplug host state's timestamp, in its birth and its will. */
  startedAt: number;
}

/**
 * One link to one broker: QoS 1 subscriptions in a persistent session, acknowledged after commit,
 * and its own reconnect loop (exponential backoff with full jitter) instead of mqtt.js's fixed period.
 */
export class BrokerLink {
  readonly clientId: string;
  private status: LinkStatus;
  private filters: string[] = [];
  private conn: Connection | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Failed attempts since the last stable connection: the exponent of the backoff. */
  private attempt = 0;
  /** The first connection of a start subscribes even to a present session: the mappings may have changed. */
  private subscribedSinceStart = false;
  private everUp = false;
  /** MQTT 5 unless configured otherwise, or unless the broker turned it down (see closed()). */
  private protocol: 4 | 5 = 5;
  private drops = new BrokerDropCounter();

  constructor(
    readonly config: BrokerConfig,
    private readonly protocols: LinkProtocol,
    private readonly events: BrokerLinkEvents,
    options: BrokerLinkOptions,
  ) {
    this.clientId = linkClientId(config, options.installationId);
    this.status = {
      id: config.id,
      name: config.name,
      url: redactUrl(config.url),
      state: 'stopped',
      lastError: null,
      since: Date.now(),
      embedded: options.embedded ?? false,
      reconnects: 0,
      droppedByBroker: null,
      sequenceGaps: 0,
    };
  }

  /** The counters are read when asked: they change with messages, not with the link's state. */
  get state(): LinkStatus {
    return { ...this.status, droppedByBroker: this.drops.dropped, sequenceGaps: this.protocols.lost?.() ?? 0 };
  }

  get embedded(): boolean {
    return this.status.embedded;
  }

  /** Connects and subscribes to the topic filters of the link's protocols; retries until stop(). */
  start(): void {
    if (this.running) throw new Error(`broker link ${this.config.id} is already running`);
    this.running = true;
    this.filters = subscriptionFilters(this.protocols.filters, this.config.sharedGroup);
    this.attempt = 0;
    this.subscribedSinceStart = false;
    this.everUp = false;
    this.protocol = protocolVersionOf(this.config);
    this.status = { ...this.status, reconnects: 0 };
    this.drops = new BrokerDropCounter();
    this.setState('connecting', null);
    this.connect();
  }

  /** Acknowledges what was committed, disconnects (the broker keeps the session) and cancels any retry. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const conn = this.conn;
    this.conn = null;
    this.setState('stopped', null);
    if (conn === null) return;
    const { client } = conn;
    const whenCommitted = this.events.whenCommitted;
    // Bounded: while the database refuses writes nothing commits, and what stays unacknowledged is redelivered.
    if (client.connected && whenCommitted) await withTimeout(new Promise<void>((resolve) => whenCommitted(resolve)), END_TIMEOUT_MS);
    // A graceful disconnect does not fire the will: the protocol's farewell says it instead. At QoS 0:
    // messages still arriving are left unacknowledged, which holds up mqtt.js's reading of a PUBACK; the
    // DISCONNECT that follows on the same socket is read by the broker only after this, so it is not lost.
    const farewell = conn.upAt !== null ? this.protocols.farewell?.(conn.startedAt) : undefined;
    if (client.connected && farewell !== undefined) send(client, farewell);
    await endClient(client, !client.connected);
  }

  /** Publishes while the link is up (a Sparkplug B rebirth request); false when it is not. */
  publish(message: Outbound): boolean {
    const conn = this.conn;
    if (conn === null || conn.upAt === null || !conn.client.connected) return false;
    send(conn.client, message);
    return true;
  }

  private connect(): void {
    this.timer = null;
    const startedAt = Date.now();
    let client: MqttClient;
    try {
      const options = connectOptions(
        this.config,
        { clientId: this.clientId, clean: false, sessionExpiryS: this.config.sessionExpiryS ?? brokerDefaults.sessionExpiryS },
        this.protocol,
      );
      const will = this.protocols.will?.(startedAt);
      if (will !== undefined) options.will = { topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain };
      client = mqtt.connect(this.config.url, options);
    } catch (err) {
      this.retry(describeLinkError(err as LinkError));
      return;
    }
    const conn: Connection = { client, error: null, versionRefused: false, answered: false, upAt: null, refused: false, startedAt };
    this.conn = conn;
    const credentials = this.config.username !== undefined;
    const secure = /^(mqtts|wss):/.test(this.config.url);
    const protocolVersion = this.protocol;
    // The first error of a connection is the most specific one (a TLS verdict before the socket closes).
    client.on('error', (err: LinkError) => {
      if (!conn.answered && isVersionRefusal(err.code)) conn.versionRefused = true;
      conn.error ??= describeLinkError(err, { credentials, secure, answered: conn.answered, protocolVersion });
    });
    client.on('disconnect', (packet: IDisconnectPacket) => {
      conn.error ??= describeReasonCode(packet.reasonCode ?? 128);
    });
    client.on('connect', (connack: IConnackPacket) => {
      // PUBACKs are small and go out in bursts after a commit: don't let Nagle hold them for an ACK.
      (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
      this.connected(conn, connack.sessionPresent);
    });
    client.on('close', () => this.closed(conn));
    client.on('message', (topic, payload) => {
      if (isBrokerDropTopic(topic)) {
        this.drops.read(topic, payload);
        return;
      }
      if (this.conn === conn) conn.refused = this.events.onMessage(this.config.id, topic, payload) === false;
    });
    const gate = this.events.whenCommitted ? installPubackGate(client) : null;
    // mqtt.js sends the PUBACK when this calls back. A message that reaches a stopped or replaced
    // connection was not taken: it stays unacknowledged, and the broker delivers it again.
    client.handleMessage = (packet, done) => {
      if (this.conn !== conn) return;
      if (conn.refused && packet.qos > 0) {
        // Not acknowledged, and mqtt.js hands no further message before it is: only a new connection
        // (after the backoff, the queue draining meanwhile) gets the broker to deliver it again.
        conn.error = 'the database is refusing writes, so a QoS 1 message was not taken: reconnecting for the broker to deliver it again';
        conn.client.end(true);
        return;
      }
      const whenCommitted = this.events.whenCommitted;
      if (packet.qos === 0 || whenCommitted === undefined) done();
      else if (gate) {
        // The PUBACK this triggers is held by the gate; the next message is read meanwhile.
        done();
        gate.releaseAfter(whenCommitted);
      } else whenCommitted(() => done());
    };
  }

  private connected(conn: Connection, sessionPresent: boolean): void {
    if (this.conn !== conn) return;
    conn.answered = true;
    if (this.filters.length === 0 || (sessionPresent && this.subscribedSinceStart)) {
      this.up(conn);
      return;
    }
    // rh 1 (MQTT 5): retained messages only for a subscription the session did not have, not again.
    conn.client.subscribe(this.filters, { qos: this.config.qos, rh: 1 }, (err, _granted, packet) => {
      if (this.conn !== conn) return;
      const refusal = subscriptionRefusal(this.filters, packet, err);
      if (refusal === null) {
        this.subscribedSinceStart = true;
        this.up(conn);
        return;
      }
      conn.error = refusal;
      conn.client.end(true);
    });
  }

  private up(conn: Connection): void {
    conn.upAt = Date.now();
    // The broker's drop counters, where it publishes them and lets this client read them: a refusal
    // only means broker-side loss cannot be seen (health says so), never a failed link.
    conn.client.subscribe([...BROKER_DROP_FILTERS], { qos: 0 }, () => {});
    // Subscribed first, so the births that edge nodes send on hearing it are not missed.
    const birth = this.protocols.birth?.(conn.startedAt);
    if (birth !== undefined) send(conn.client, birth);
    if (this.everUp) this.status = { ...this.status, reconnects: this.status.reconnects + 1 };
    this.everUp = true;
    this.setState('up', null);
  }

  private closed(conn: Connection): void {
    if (this.conn !== conn) return;
    this.conn = null;
    conn.client.end(true);
    // A broker that speaks only MQTT 3.1.1 (aedes, older ones) gets 3.1.1 at once, unless 5 was asked for explicitly.
    if (conn.versionRefused && this.protocol === 5 && this.config.protocolVersion === undefined) {
      this.protocol = 4;
      this.connect();
      return;
    }
    if (conn.upAt !== null && Date.now() - conn.upAt >= STABLE_AFTER_MS) this.attempt = 0;
    this.retry(conn.error ?? describeSilentClose(this.config.url, conn.upAt !== null));
  }

  private retry(reason: string): void {
    this.setState('down', reason);
    const delay = backoffDelay(this.attempt, backoffOf(this.config));
    this.attempt++;
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Notifies only real changes; `since` moves only when the state itself changes. */
  private setState(state: LinkState, lastError: string | null): void {
    if (this.status.state === state && this.status.lastError === lastError) return;
    const since = this.status.state === state ? this.status.since : Date.now();
    this.status = { ...this.status, state, lastError, since };
    this.events.onStatus(this.state);
  }
}

function send(client: MqttClient, m: Outbound): void {
  client.publish(m.topic, m.payload, { qos: m.qos, retain: m.retain });
}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}

/** Ends gracefully (queued acks and a DISCONNECT go out) unless forced, and never waits past END_TIMEOUT_MS. */
async function endClient(client: MqttClient, force: boolean): Promise<void> {
  await withTimeout(client.endAsync(force), END_TIMEOUT_MS);
  if (!client.disconnected) client.end(true);
}
