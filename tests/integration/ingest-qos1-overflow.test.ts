import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { ackAfterCommit } from '../../src/core/iot/transport/broker-acks';
import { BrokerLink, type BrokerLinkEvents } from '../../src/core/iot/transport/broker-link';
import { BrokerConfig, JsonMapping } from '../../src/shared/contract/schemas/brokers';
import { testBackoff } from '../helpers/broker-links';
import { tempIngest, type TempIngest } from '../helpers/temp-ingest';
import { waitFor } from '../helpers/wait-for';

/**
 * The queue bound with real links on a real broker (aedes), over a real SQLite file whose disk is full:
 * QoS 0 messages past the bound are dropped and counted; a QoS 1 message is not acknowledged, and the
 * broker delivers it again once the database takes writes.
 */
let broker: EmbeddedBroker;
let t: TempIngest;
let publisher: MqttClient;
const links: BrokerLink[] = [];
const mapping = (prefix: string) => JsonMapping.parse({ topic: `${prefix}/{device}/{point}` });

/** As in the core: one acknowledgement policy for every link of the ingest. */
let whenCommitted: ReturnType<typeof ackAfterCommit>;

function openLink(id: string, qos: 0 | 1): BrokerLink {
  const config = BrokerConfig.parse({ id, name: id, url: broker.url, qos, backoff: testBackoff, mappings: [mapping(id)] });
  const { protocols } = t.link(config);
  const events: BrokerLinkEvents = {
    onMessage: (linkId, topic, payload) => t.ingest.accept(linkId, protocols, topic, payload),
    whenCommitted,
    onStatus: () => {},
  };
  const link = new BrokerLink(config, protocols, events, { installationId: 'overflow' });
  link.start();
  links.push(link);
  return link;
}

const storedValues = (prefix: string): number[] =>
  (
    t.db
      .prepare('SELECT s.value FROM samples s JOIN points p ON p.id = s.point_id WHERE p.key LIKE ? ORDER BY s.ts')
      .all(`${prefix}-%`) as { value: number }[]
  ).map((r) => r.value);

beforeAll(async () => {
  broker = await startEmbeddedBroker();
  t = tempIngest({ batchMs: 10, batchSize: 100, maxQueued: 1000 });
  whenCommitted = ackAfterCommit(t.ingest);
  publisher = await mqtt.connectAsync(broker.url, { clientId: 'overflow-publisher' });
});

afterAll(async () => {
  await publisher.endAsync();
  for (const l of links) await l.stop();
  t.close();
  await broker.stop();
});

describe('a full queue with QoS 0 and QoS 1 links', () => {
  it('drops QoS 0 past the bound, and has the broker deliver the refused QoS 1 message again', async () => {
    const fast = openLink('fast', 0);
    const safe = openLink('safe', 1);
    await waitFor(() => fast.state.state === 'up' && safe.state.state === 'up', 10_000, 'both links up');
    const now = Date.now();
    // Points known beforehand: a full disk must fail the samples' commits, not the points' registration.
    await publisher.publishAsync('fast/fast-dev/temp', JSON.stringify({ value: -1, ts: now - 10_000 }));
    await publisher.publishAsync('safe/safe-dev/temp', JSON.stringify({ value: -1, ts: now - 10_000 }), { qos: 1 });
    await waitFor(() => storedValues('safe').length === 1 && storedValues('fast').length === 1, 10_000, 'the first samples stored');

    t.db.pragma('wal_checkpoint(TRUNCATE)');
    t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true }) as number}`);
    for (let i = 0; i < 3000; i++) publisher.publish('fast/fast-dev/temp', JSON.stringify({ value: i, ts: now - 9000 + i }), { qos: 0 });
    await waitFor(() => t.ingest.counters.received >= 3002, 10_000, 'the QoS 0 flood received');
    // The first batches may still fit in the file's free pages; the rest fill the queue to its bound.
    const committedInFlood = storedValues('fast').length - 1;
    expect(t.ingest.queued).toBe(1000);
    expect(t.ingest.counters.deadLettered.overflow).toBe(3000 - committedInFlood - 1000);
    expect(t.ingest.lastError).toMatch(/the disk is full/);

    await publisher.publishAsync('safe/safe-dev/temp', JSON.stringify({ value: 42, ts: now - 1000 }), { qos: 1 });
    // Refused and not acknowledged: the link drops its connection and says why.
    await waitFor(() => /a QoS 1 message was not taken/.test(safe.state.lastError ?? ''), 10_000, 'the QoS 1 link to refuse');
    expect(fast.state.state).toBe('up');

    t.db.pragma('max_page_count = 1073741823');
    await waitFor(() => storedValues('safe').includes(42), 20_000, 'the QoS 1 message delivered again and stored');
    await waitFor(() => safe.state.state === 'up', 10_000, 'the QoS 1 link up again');
    expect(storedValues('safe')).toEqual([-1, 42]);
    // The QoS 0 samples taken before the bound are all kept: only the overflow was lost.
    expect(storedValues('fast')).toHaveLength(1 + committedInFlood + 1000);
    expect(t.ingest.lastError).toBeNull();
  });
});
