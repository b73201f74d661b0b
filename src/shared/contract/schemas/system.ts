import { z } from 'zod';
import { EpochMs } from './common';

export const LinkState = z.enum(['connecting', 'up', 'down', 'stopped']);

export const BrokerLinkHealth = z.object({
  id: z.string(),
  name: z.string(),
  /** Broker URL with any credentials removed. */
  url: z.string(),
  state: LinkState,
  /** The last failure in plain words, while the link is not up. */
  lastError: z.string().nullable(),
  since: EpochMs,
  /** True for the embedded demo broker. */
  embedded: z.boolean(),
  /** Connections re-established after a loss, since the link started. */
  reconnects: z.number().int(),
  /**
   * Messages the broker reports it dropped (its queue or in-flight limits) since the link started,
   * from its `$SYS` counter, which counts for all its clients; null when the broker does not tell.
   */
  droppedByBroker: z.number().int().nullable(),
  /** Messages the devices' sequence numbers show missing (Sparkplug B seq gaps) since the link started. */
  sequenceGaps: z.number().int(),
});

export const IngestCounters = z.object({
  /** Samples stored per second, averaged over the last few seconds. */
  ratePerS: z.number(),
  received: z.number().int(),
  stored: z.number().int(),
  queued: z.number().int(),
  /** Messages not taken because the database refused them (queue full, new point not written): QoS 0 lost, QoS 1 redelivered. */
  dropped: z.number().int(),
  deadLettered: z.record(z.string(), z.number().int()),
  /** Commits that failed since start; their samples were kept and retried. */
  commitFailures: z.number().int(),
  /** Why the database is not taking samples, in plain words, while they are held for a retry; null when writes succeed. */
  lastError: z.string().nullable(),
});

export const Health = z.object({
  version: z.string(),
  startedAt: EpochMs,
  uptimeS: z.number(),
  site: z.string(),
  demo: z.boolean(),
  brokers: z.array(BrokerLinkHealth),
  ingest: IngestCounters,
  db: z.object({ sizeBytes: z.number().int(), points: z.number().int(), devices: z.number().int() }),
});
export type Health = z.infer<typeof Health>;
