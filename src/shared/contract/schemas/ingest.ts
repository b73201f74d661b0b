import { z } from 'zod';

/** Why a message was refused by the ingest path; counted per reason and kept in the dead-letter table. */
export const DeadLetterReason = z.enum([
  'oversized',
  'not-json',
  'no-value',
  'bad-value',
  'bad-timestamp',
  'unknown-topic',
  'bad-sparkplug',
  'overflow',
]);
export type DeadLetterReason = z.infer<typeof DeadLetterReason>;

export const deadLetterText: Record<DeadLetterReason, string> = {
  oversized: 'payload larger than the limit',
  'not-json': 'payload is not valid JSON',
  'no-value': 'no value at the mapped path',
  'bad-value': 'value is not a finite number, a boolean or a string',
  'bad-timestamp': 'timestamp is not a time',
  'unknown-topic': 'topic matches no mapping',
  'bad-sparkplug': 'malformed Sparkplug B payload',
  overflow: 'dropped: ingest queue full',
};
