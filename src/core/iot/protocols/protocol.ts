import type { DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import type { Point } from '../../model/registry';
import type { Reading } from './json/decoder';

/** Where a protocol puts what it read from one message; the ingest implements it. */
export interface DecodeSink {
  /**
   * A reading of a point. `typed`: the protocol knows the point's type and unit (a Sparkplug birth);
   * otherwise the point's first value tells its type.
   */
  reading(point: Point, reading: Reading, typed: boolean): void;
  /** A device the message says is on- or offline (a Sparkplug birth or death). */
  status(deviceId: number, online: boolean, reason: string): void;
  /** One value of the message that could not be read; it counts among the message's values. */
  skip(reason: DeadLetterReason, message: string): void;
  /** The message as a whole is refused. */
  refuse(reason: DeadLetterReason, message: string): void;
}

/** A message a protocol has a link publish: a will, a birth, a rebirth request. */
export interface Outbound {
  topic: string;
  payload: Buffer;
  qos: 0 | 1;
  retain: boolean;
}

/** What a protocol may publish on its link; false when the link is not up (the message is then not sent). */
export interface LinkPublisher {
  publish(message: Outbound): boolean;
}

/**
 * One payload protocol on a broker link (JSON mappings, Sparkplug B). The link stays plain MQTT:
 * it subscribes the protocol's filters, hands every message to `decode`, registers `will` with each
 * connection and publishes `birth` once subscribed and `farewell` before a graceful disconnect. A
 * protocol publishes anything else (a Sparkplug rebirth request) itself, on the link it was given.
 */
export interface Protocol {
  /** The topic filters the link subscribes to for this protocol. */
  readonly filters: readonly string[];
  /** True for the topics whose messages this protocol reads. */
  claims(topic: string): boolean;
  /** Reads one message into the sink. Never throws for bad input; may throw a database write error. */
  decode(topic: string, payload: Buffer, receivedAt: number, sink: DecodeSink): void;
  will?(sessionStartedAt: number): Outbound | undefined;
  birth?(sessionStartedAt: number): Outbound | undefined;
  farewell?(sessionStartedAt: number): Outbound | undefined;
  /** Messages the protocol knows were lost on the way (Sparkplug B seq gaps), since it was made. */
  lost?(): number;
}
