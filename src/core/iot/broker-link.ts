import mqtt, { type MqttClient } from 'mqtt';
import type { BrokerConfig } from '../../shared/contract/schemas/brokers';

export type LinkState = 'connecting' | 'up' | 'down' | 'stopped';

export interface LinkStatus {
  id: string;
  name: string;
  url: string;
  state: LinkState;
  lastError: string | null;
  since: number;
  embedded: boolean;
}

/** The URL as shown to people: any user name or password removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

/** Turns socket and MQTT errors into words an operator can act on. */
export function describeLinkError(err: Error & { code?: string | number }): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused: no broker is listening at that address';
    case 'ENOTFOUND':
      return 'host name not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ECONNRESET':
      return 'connection reset by the broker';
    case 4:
    case 134:
      return 'the broker refused the user name or password';
    case 5:
    case 135:
      return 'not authorised by the broker';
    default:
      return err.message || String(err);
  }
}

export interface BrokerLinkEvents {
  onMessage(linkId: string, topic: string, payload: Buffer): void;
  onStatus(status: LinkStatus): void;
}

/** One connection to one broker, subscribed to the topic filters of its mappings. */
export class BrokerLink {
  private client: MqttClient | null = null;
  private status: LinkStatus;
  private filters: string[] = [];

  constructor(
    readonly config: BrokerConfig,
    private readonly events: BrokerLinkEvents,
    readonly embedded = false,
  ) {
    this.status = {
      id: config.id,
      name: config.name,
      url: redactUrl(config.url),
      state: 'stopped',
      lastError: null,
      since: Date.now(),
      embedded,
    };
  }

  get state(): LinkStatus {
    return this.status;
  }

  start(filters: string[]): void {
    this.filters = filters;
    this.setState('connecting', null);
    const c = this.config;
    const client = mqtt.connect(c.url, {
      clientId: c.clientId ?? `arxos-${c.id}-${process.pid}`,
      ...(c.username !== undefined ? { username: c.username } : {}),
      ...(c.password !== undefined ? { password: c.password } : {}),
      keepalive: c.keepaliveS,
      clean: true,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
    });
    this.client = client;
    client.on('connect', () => {
      if (this.filters.length > 0) {
        client.subscribe(this.filters, { qos: c.qos }, (err) => {
          if (err) this.setState('down', `subscription refused: ${err.message}`);
        });
      }
      this.setState('up', null);
    });
    client.on('reconnect', () => this.setState('connecting', this.status.lastError));
    client.on('error', (err) => this.setState('down', describeLinkError(err)));
    client.on('close', () => {
      if (this.status.state !== 'stopped') this.setState('down', this.status.lastError ?? 'connection closed');
    });
    client.on('message', (topic, payload) => this.events.onMessage(c.id, topic, payload));
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.setState('stopped', null);
    if (client) await client.endAsync(false);
  }

  private setState(state: LinkState, lastError: string | null): void {
    if (this.status.state === state && this.status.lastError === lastError) return;
    this.status = { ...this.status, state, lastError, since: Date.now() };
    this.events.onStatus(this.status);
  }
}
