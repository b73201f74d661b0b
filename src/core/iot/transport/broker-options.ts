import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import tls from 'node:tls';
import type { IClientOptions } from 'mqtt';
import { brokerDefaults, type BrokerBackoff, type BrokerConfig } from '../../../shared/contract/schemas/brokers';
import { describeLinkError, type LinkError } from './broker-errors';

/** How long a connection attempt may take, from the socket to the broker's CONNACK. */
export const CONNECT_TIMEOUT_MS = 30_000;

/** A setting that keeps the link from connecting (a missing or unreadable TLS file); said in words. */
export class LinkSettingsError extends Error {
  override readonly name = 'LinkSettingsError';
}

/**
 * The configured client id, or one derived from the installation and the link. It must be the same
 * at every start (not a process id), or the broker would not find the session and its queued messages.
 */
export function linkClientId(config: BrokerConfig, installationId: string): string {
  return config.clientId ?? `arxos-${installationId}-${config.id}`;
}

export function protocolVersionOf(config: BrokerConfig): 4 | 5 {
  return config.protocolVersion ?? brokerDefaults.protocolVersion;
}

export function backoffOf(config: BrokerConfig): BrokerBackoff {
  return config.backoff ?? brokerDefaults.backoff;
}

/** The filters a link subscribes to: each once, under `$share/<group>/` when the link is in a shared group. */
export function subscriptionFilters(filters: readonly string[], sharedGroup?: string): string[] {
  const unique = [...new Set(filters)];
  return sharedGroup === undefined ? unique : unique.map((f) => `$share/${sharedGroup}/${f}`);
}

/**
 * Exponential backoff with full jitter: a random wait up to `initialMs · 2^attempt`, capped at `maxMs`,
 * so that many hosts losing one broker do not all come back at the same instant.
 */
export function backoffDelay(attempt: number, backoff: BrokerBackoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

function readSettingFile(what: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new LinkSettingsError(`TLS: cannot read the ${what} ${file}: ${why}`);
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The CA file's certificates as PEM; a DER file is accepted too. Node would silently ignore a CA it cannot parse. */
function readCaFile(file: string): string[] {
  const data = readSettingFile('CA file', file);
  const blocks = data.toString('latin1').match(PEM_CERTIFICATE);
  try {
    if (blocks === null) return [new X509Certificate(data).toString()];
    return blocks.map((pem) => new X509Certificate(pem).toString());
  } catch {
    throw new LinkSettingsError(`TLS: the CA file ${file} holds no certificate that can be read (PEM or DER expected)`);
  }
}

interface TlsMaterial {
  ca?: string[];
  cert?: Buffer;
  key?: Buffer;
}

/** Reads and checks the TLS files, so a bad file is reported by name rather than as a failed handshake. */
export function readTlsFiles(config: BrokerConfig): TlsMaterial {
  const t = config.tls;
  if (t === undefined) return {};
  const material: TlsMaterial = {};
  if (t.caFile !== undefined) material.ca = readCaFile(t.caFile);
  if (t.certFile !== undefined && t.keyFile !== undefined) {
    material.cert = readSettingFile('client certificate', t.certFile);
    material.key = readSettingFile('client key', t.keyFile);
    try {
      tls.createSecureContext({ cert: material.cert, key: material.key });
    } catch (err) {
      throw new LinkSettingsError(describeLinkError(err as LinkError));
    }
  }
  return material;
}

export interface TlsOptions extends TlsMaterial {
  rejectUnauthorized: boolean;
  servername?: string;
}

/** The TLS options for tls.connect (and for ws over TLS), with the files read now. */
export function tlsOptions(config: BrokerConfig): TlsOptions {
  const material = readTlsFiles(config);
  return {
    ...material,
    rejectUnauthorized: config.tls?.rejectUnauthorized ?? true,
    ...(config.tls?.serverName !== undefined ? { servername: config.tls.serverName } : {}),
  };
}

/**
 * mqtt.js hands ca, cert, key and rejectUnauthorized on to the WebSocket but not the server name; ws passes
 * it to tls.connect, though its option type does not list it.
 */
function wsServerName(rejectUnauthorized: boolean, servername: string): NonNullable<IClientOptions['wsOptions']> {
  const options = { rejectUnauthorized, servername };
  return options;
}

/**
 * MQTT 5 Receive Maximum the link announces: how many QoS 1 messages the broker may send before their
 * PUBACKs, which the link holds until commit. Said explicitly, since a broker that hears none applies
 * its own in-flight window instead (mosquitto: `max_inflight_messages`, 20): with 20 in flight per
 * commit a fast publisher overruns the broker's queue, and it drops what does not fit. The ingest
 * holds far more than this (`ingest.maxQueued`).
 */
export const RECEIVE_MAXIMUM = 65_535;

export interface SessionOptions {
  clientId: string;
  /** False for the link: the broker keeps the session and queues QoS 1 messages while the app is down. */
  clean: boolean;
  sessionExpiryS: number;
}

/**
 * mqtt.js options for one connection attempt. TLS files are read here, at every attempt, so a renewed
 * certificate is picked up on the next reconnect. mqtt.js's own reconnect is off: the link runs its own.
 */
export function connectOptions(config: BrokerConfig, session: SessionOptions, protocolVersion = protocolVersionOf(config)): IClientOptions {
  const secure = /^(mqtts|wss):/.test(config.url);
  const tlsOpts: Partial<TlsOptions> = secure ? tlsOptions(config) : {};
  return {
    clientId: session.clientId,
    protocolVersion,
    clean: session.clean,
    keepalive: config.keepaliveS,
    reconnectPeriod: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    resubscribe: false,
    ...(config.username !== undefined ? { username: config.username } : {}),
    ...(config.password !== undefined ? { password: config.password } : {}),
    ...(protocolVersion === 5 ? { properties: { sessionExpiryInterval: session.sessionExpiryS, receiveMaximum: RECEIVE_MAXIMUM } } : {}),
    ...tlsOpts,
    ...(config.url.startsWith('wss:') && tlsOpts.servername !== undefined
      ? { wsOptions: wsServerName(tlsOpts.rejectUnauthorized ?? true, tlsOpts.servername) }
      : {}),
  };
}
