import type { BrokerConfig } from '../../../shared/contract/schemas/brokers';
import type { Registry } from '../../model/registry';
import { JsonProtocol } from './json/json-protocol';
import type { DecodeSink, LinkPublisher, Outbound, Protocol } from './protocol';
import { SparkplugProtocol } from './sparkplug/sparkplug-protocol';

/**
 * The protocols of one link as one: Sparkplug B first where configured (it claims `spBv1.0/...`),
 * then the JSON mappings for every other topic. The link and the ingest see only this.
 */
export class LinkProtocols implements Protocol {
  readonly filters: readonly string[];
  private readonly protocols: readonly Protocol[];

  constructor(config: BrokerConfig, registry: Registry, link: LinkPublisher) {
    const list: Protocol[] = [];
    if (config.sparkplug !== undefined) list.push(new SparkplugProtocol(config.id, config.sparkplug, registry, link));
    list.push(new JsonProtocol(config.id, config.mappings, registry));
    this.protocols = list;
    this.filters = list.flatMap((p) => p.filters);
  }

  claims(topic: string): boolean {
    return this.protocols.some((p) => p.claims(topic));
  }

  decode(topic: string, payload: Buffer, receivedAt: number, sink: DecodeSink): void {
    for (const p of this.protocols) {
      if (p.claims(topic)) {
        p.decode(topic, payload, receivedAt, sink);
        return;
      }
    }
  }

  will(startedAt: number): Outbound | undefined {
    return this.first((p) => p.will?.(startedAt));
  }

  birth(startedAt: number): Outbound | undefined {
    return this.first((p) => p.birth?.(startedAt));
  }

  farewell(startedAt: number): Outbound | undefined {
    return this.first((p) => p.farewell?.(startedAt));
  }

  lost(): number {
    let n = 0;
    for (const p of this.protocols) n += p.lost?.() ?? 0;
    return n;
  }

  /** MQTT carries one will per connection: the first protocol that has one gives it. */
  private first(get: (p: Protocol) => Outbound | undefined): Outbound | undefined {
    for (const p of this.protocols) {
      const out = get(p);
      if (out !== undefined) return out;
    }
    return undefined;
  }
}
