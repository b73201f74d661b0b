/**
 * Where brokers publish the messages they dropped (queue full, in-flight limits), as a running total
 * in their `$SYS` tree. These count for the whole broker, not one client. mosquitto: one counter,
 * every `sys_interval` (10 s by default). EMQX: one per node, every `sys_interval` (1 min by default),
 * readable by local clients only unless its ACL allows it. HiveMQ has no `$SYS` tree (its
 * `com.hivemq.messages.dropped.count` metric is read through its monitoring extensions instead).
 */
export const BROKER_DROP_FILTERS = ['$SYS/broker/publish/messages/dropped', '$SYS/brokers/+/metrics/messages/dropped'] as const;

export function isBrokerDropTopic(topic: string): boolean {
  return topic.startsWith('$SYS/') && (topic === BROKER_DROP_FILTERS[0] || /^\$SYS\/brokers\/[^/]+\/metrics\/messages\/dropped$/.test(topic));
}

/**
 * The broker's dropped-message counters as this link hears them. The first reading of each counter is
 * its baseline: what the broker dropped from then on is reported, including what it dropped from this
 * link's session while the app was away, once the link is back (the counter keeps running).
 */
export class BrokerDropCounter {
  private readonly counters = new Map<string, { last: number; dropped: number }>();

  /** Takes one `$SYS` message of a drop topic; false for a payload that is not a count. */
  read(topic: string, payload: Buffer): boolean {
    const text = payload.toString('utf8').trim();
    if (!/^\d+$/.test(text)) return false;
    const n = Number(text);
    const c = this.counters.get(topic);
    if (c === undefined) this.counters.set(topic, { last: n, dropped: 0 });
    else {
      // A counter that went back: the broker (or that node) restarted and counts from zero again.
      c.dropped += n >= c.last ? n - c.last : n;
      c.last = n;
    }
    return true;
  }

  /** Messages dropped by the broker since the link first heard its counter; null when it never did. */
  get dropped(): number | null {
    if (this.counters.size === 0) return null;
    let sum = 0;
    for (const c of this.counters.values()) sum += c.dropped;
    return sum;
  }
}
