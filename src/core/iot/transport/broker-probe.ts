import { randomBytes } from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import mqtt, { type MqttClient } from 'mqtt';
import type { BrokerConfig, BrokerTestResult, BrokerTestStep } from '../../../shared/contract/schemas/brokers';
import { describeLinkError, describeSilentClose, isVersionRefusal, redactUrl, subscriptionRefusal, type ErrorContext, type LinkError } from './broker-errors';
import { connectOptions, protocolVersionOf, subscriptionFilters, tlsOptions, type TlsOptions } from './broker-options';
import { compileTopicTemplate } from '../protocols/json/topic-template';

export interface ProbeOptions {
  /** Longest wait for each step. */
  timeoutMs?: number;
  /** Also subscribe to the mappings' filters (and unsubscribe), to check the broker's access rules. */
  subscribe?: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { 'mqtt:': 1883, 'mqtts:': 8883, 'ws:': 80, 'wss:': 443 };

/** A step failed with a message already in words. */
class StepFailure extends Error {}

/**
 * `brokers.test`: goes step by step (settings, host name, TCP, TLS, MQTT CONNACK, a test subscription)
 * and stops at the first that fails, saying in words what failed and, where it can, what to change.
 * It connects with a throwaway client id and a clean session, so it never disturbs a running link's
 * session; it never subscribes to the shared group, which would take messages away from the group.
 */
export async function testBroker(config: BrokerConfig, options: ProbeOptions = {}): Promise<BrokerTestResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const steps: BrokerTestStep[] = [];
  const context: ErrorContext = {
    credentials: config.username !== undefined,
    secure: /^(mqtts|wss):/.test(config.url),
    answered: false,
    protocolVersion: protocolVersionOf(config),
  };
  const run = async <T>(step: BrokerTestStep['step'], fn: () => Promise<[T, string]>): Promise<T> => {
    const t0 = performance.now();
    try {
      const [value, message] = await fn();
      steps.push({ step, ok: true, message, ms: Math.round(performance.now() - t0) });
      return value;
    } catch (err) {
      const message = err instanceof StepFailure ? err.message : describeLinkError(err as LinkError, context);
      steps.push({ step, ok: false, message, ms: Math.round(performance.now() - t0) });
      throw new StepFailure(message);
    }
  };

  try {
    const url = new URL(config.url);
    const secure = url.protocol === 'mqtts:' || url.protocol === 'wss:';
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 1883) : Number(url.port);

    const settings = await run('settings', async (): Promise<[{ tls: TlsOptions | null; filters: string[] }, string]> => {
      const filters = subscriptionFilters(config.mappings.map((m) => compileTopicTemplate(m.topic).filter));
      if (!secure) return [{ tls: null, filters }, 'no TLS files to read'];
      return [{ tls: tlsOptions(config), filters }, describeTlsSettings(config)];
    });
    const address = await run('resolve', async () => {
      if (net.isIP(host) !== 0) return [host, `${host} is an address; nothing to resolve`];
      const found = await withTimeout(dns.lookup(host, { all: true }), timeoutMs, `no answer from DNS for ${host}`);
      const first = found[0];
      if (first === undefined) throw new StepFailure(`host name not found: ${host}`);
      return [first.address, `${host} is ${found.map((a) => a.address).join(', ')}`];
    });
    await run('connect', async () => {
      await tcpConnect(address, port, timeoutMs);
      return [null, `TCP connection to ${address} port ${port} opened`];
    });
    const { tls: tlsOpts, filters } = settings;
    if (tlsOpts !== null) await run('tls', () => tlsHandshake(host, port, tlsOpts, timeoutMs));
    const client = await run('mqtt', () => mqttConnect(config, timeoutMs));
    context.answered = true;
    try {
      if (options.subscribe !== false && filters.length > 0) {
        await run('subscribe', () => testSubscribe(client, filters, config.qos, timeoutMs));
      }
    } finally {
      client.end(true);
    }
    const last = steps[steps.length - 1];
    return { ok: true, message: `${redactUrl(config.url)}: ${last?.message ?? 'reached'}`, steps };
  } catch (err) {
    // Every step reports its own failure; anything else (a URL that does not parse) is a settings failure.
    const message = err instanceof StepFailure ? err.message : describeLinkError(err as LinkError);
    if (!(err instanceof StepFailure)) steps.push({ step: 'settings', ok: false, message, ms: 0 });
    return { ok: false, message, steps };
  }
}

function describeTlsSettings(config: BrokerConfig): string {
  const t = config.tls;
  const parts = [t?.caFile !== undefined ? 'CA file read' : 'the system’s trusted CAs will check the broker'];
  if (t?.certFile !== undefined) parts.push('client certificate and key read and matching');
  if (t?.rejectUnauthorized === false) parts.push('certificate checks are OFF: any broker certificate is accepted');
  return parts.join('; ');
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepFailure(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new StepFailure(`connection timed out after ${timeoutMs} ms: nothing answers at ${host} port ${port} (a firewall?)`));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

function tlsHandshake(host: string, port: number, opts: TlsOptions, timeoutMs: number): Promise<[null, string]> {
  return new Promise((resolve, reject) => {
    const servername = opts.servername ?? (net.isIP(host) === 0 ? host : undefined);
    const socket = tls.connect({ host, port, ...opts, ...(servername !== undefined ? { servername } : {}) });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new StepFailure(`TLS: no handshake within ${timeoutMs} ms — is this a TLS port?`));
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const unverified = socket.authorized ? '' : ` — NOT verified (${String(socket.authorizationError)}), accepted because certificate checks are off`;
      const subject = cert.subject?.CN ?? 'no common name';
      const until = cert.valid_to ? `, valid until ${cert.valid_to}` : '';
      const protocol = socket.getProtocol() ?? 'TLS';
      socket.destroy();
      resolve([null, `${protocol} with a certificate for ${subject}${until}${unverified}`]);
    });
    socket.once('error', reject);
  });
}

/** Connects as the link would; like the link, falls back to MQTT 3.1.1 when the broker refuses 5 and 5 was not asked for. */
async function mqttConnect(config: BrokerConfig, timeoutMs: number): Promise<[MqttClient, string]> {
  const asked = protocolVersionOf(config);
  try {
    return await mqttConnectAs(config, asked, timeoutMs);
  } catch (err) {
    if (asked !== 5 || config.protocolVersion !== undefined || !isVersionRefusal((err as LinkError).code)) throw err;
    const [client] = await mqttConnectAs(config, 4, timeoutMs);
    return [client, 'the broker accepted the connection in MQTT 3.1.1; it does not speak MQTT 5'];
  }
}

function mqttConnectAs(config: BrokerConfig, protocolVersion: 4 | 5, timeoutMs: number): Promise<[MqttClient, string]> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(config.url, {
      ...connectOptions(config, { clientId: `arxos-probe-${randomBytes(4).toString('hex')}`, clean: true, sessionExpiryS: 0 }, protocolVersion),
      connectTimeout: timeoutMs,
    });
    let error: Error | null = null;
    client.on('error', (err) => {
      error ??= err;
    });
    client.once('connect', () => {
      resolve([client, `the broker accepted the connection (${protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1'})`]);
    });
    client.once('close', () => {
      client.end(true);
      if (error !== null) reject(error);
      else reject(new StepFailure(describeSilentClose(config.url, false)));
    });
  });
}

async function testSubscribe(client: MqttClient, filters: string[], qos: 0 | 1, timeoutMs: number): Promise<[null, string]> {
  const suback = await withTimeout(
    new Promise<{ granted: unknown[] } | undefined>((resolve, reject) => {
      client.subscribe(filters, { qos }, (err, _granted, packet) => {
        const refusal = subscriptionRefusal(filters, packet, err);
        if (refusal !== null) reject(new StepFailure(refusal));
        else resolve(packet);
      });
    }),
    timeoutMs,
    'the broker did not answer the subscription in time',
  );
  await withTimeout(client.unsubscribeAsync(filters), timeoutMs, 'the broker did not answer the unsubscription in time');
  const downgraded = (suback?.granted ?? []).some((code) => typeof code === 'number' && code < qos);
  const note = downgraded ? '; the broker granted QoS 0 only, so messages sent while the link is down are lost' : '';
  return [null, `subscription to ${filters.length === 1 ? filters[0] : `${filters.length} filters`} granted${note}`];
}
