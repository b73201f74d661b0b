import { describe, expect, it } from 'vitest';
import { BrokerDropCounter, isBrokerDropTopic } from '../../src/core/iot/transport/broker-drops';
import { linkLossWarning } from '../../src/shared/link-loss';

const n = (v: number | string) => Buffer.from(String(v));

describe("the broker's dropped-message counters", () => {
  it('knows the mosquitto and EMQX topics, nothing else', () => {
    expect(isBrokerDropTopic('$SYS/broker/publish/messages/dropped')).toBe(true);
    expect(isBrokerDropTopic('$SYS/brokers/emqx@10.0.0.1/metrics/messages/dropped')).toBe(true);
    expect(isBrokerDropTopic('$SYS/broker/publish/messages/received')).toBe(false);
    expect(isBrokerDropTopic('site/$SYS/broker/publish/messages/dropped')).toBe(false);
  });

  it('counts from the first reading, sums the nodes of a cluster, and survives a broker restart', () => {
    const c = new BrokerDropCounter();
    expect(c.dropped).toBeNull();
    c.read('$SYS/brokers/a/metrics/messages/dropped', n(500));
    expect(c.dropped).toBe(0);
    c.read('$SYS/brokers/a/metrics/messages/dropped', n(520));
    c.read('$SYS/brokers/b/metrics/messages/dropped', n(7));
    c.read('$SYS/brokers/b/metrics/messages/dropped', n(10));
    expect(c.dropped).toBe(23);
    // Node a restarted: its counter starts again from zero.
    c.read('$SYS/brokers/a/metrics/messages/dropped', n(4));
    expect(c.dropped).toBe(27);
  });

  it('ignores a payload that is not a count', () => {
    const c = new BrokerDropCounter();
    expect(c.read('$SYS/broker/publish/messages/dropped', n('lots'))).toBe(false);
    expect(c.read('$SYS/broker/publish/messages/dropped', n('-3'))).toBe(false);
    expect(c.dropped).toBeNull();
  });
});

describe('the loss warning', () => {
  it('is silent while nothing is lost or the broker does not tell', () => {
    expect(linkLossWarning({ droppedByBroker: 0, sequenceGaps: 0 })).toBeNull();
    expect(linkLossWarning({ droppedByBroker: null, sequenceGaps: 0 })).toBeNull();
  });

  it('names the count and the settings to change', () => {
    const w = linkLossWarning({ droppedByBroker: 16_863, sequenceGaps: 2 })!;
    expect(w).toContain('16,863 messages');
    expect(w).toMatch(/max_queued_messages 0.*max_mqueue_len.*max-queue-size/);
    expect(w).toContain('2 Sparkplug messages');
  });
});
