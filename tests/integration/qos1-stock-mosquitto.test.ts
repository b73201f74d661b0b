import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkLossWarning } from '../../src/shared/link-loss';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { startTempCore } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

/**
 * Debian's mosquitto with its package defaults (max_queued_messages 1000, max_inflight_messages 20,
 * $SYS every 10 s), as a site engineer installs it; one publisher sends a QoS 1 burst as fast as
 * it can. Whatever arrives must be stored, and whatever does not must be reported by the broker.
 */
let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto({ stock: true });
});
afterAll(() => broker.close());

const N = 20_000;

async function burst(linkId: string, protocolVersion: 4 | 5) {
  const env = await startTempCore({
    brokers: [{ id: linkId, name: linkId, url: broker.url, qos: 1, protocolVersion, mappings: [{ topic: `${linkId}/{device}/{point}` }] }],
  });
  try {
    await waitFor(() => env.core.health().brokers[0]?.state === 'up');
    // The broker's counter is retained: the link hears it as soon as it is up.
    await waitFor(() => env.core.health().brokers[0]?.droppedByBroker !== null, 5000, 'the broker drop counter');
    const pub = await mqtt.connectAsync(broker.url);
    const t0 = Date.now();
    const acks: Promise<unknown>[] = [];
    for (let i = 0; i < N; i++) acks.push(pub.publishAsync(`${linkId}/d${i % 10}/p${i % 100}`, JSON.stringify({ value: i, ts: t0 + i }), { qos: 1 }));
    // Every PUBACK from the broker: it has taken all of them.
    await Promise.all(acks);
    await pub.endAsync();
    const accounted = () => {
      const h = env.core.health();
      return h.ingest.stored + (h.brokers[0]?.droppedByBroker ?? 0);
    };
    // Arrived, or counted as dropped by the broker at its next $SYS report (10 s by default).
    await waitFor(() => accounted() >= N, 25_000, 'every message stored or reported dropped by the broker');
    const h = env.core.health();
    return { stored: h.ingest.stored, received: h.ingest.received, link: h.brokers[0]! };
  } finally {
    await env.close();
  }
}

describe('QoS 1 on a stock mosquitto: no silent loss', () => {
  it('MQTT 5: the link announces its own receive window, so the burst arrives whole', async () => {
    const r = await burst('five', 5);
    expect(r.stored).toBe(N);
    expect(r.link.droppedByBroker).toBe(0);
    expect(linkLossWarning(r.link)).toBeNull();
  }, 60_000);

  it('MQTT 3.1.1 (the broker’s window of 20): what the broker dropped is reported, with the setting to change', async () => {
    const r = await burst('four', 4);
    // The link is the broker's only subscriber, so its broker-wide counter is this link's loss.
    expect(r.stored + (r.link.droppedByBroker ?? 0)).toBeGreaterThanOrEqual(N);
    expect(r.stored).toBe(r.received);
    if (r.stored < N) {
      expect(r.link.droppedByBroker).toBeGreaterThan(0);
      expect(linkLossWarning(r.link)).toMatch(/max_queued_messages/);
    }
  }, 60_000);
});
