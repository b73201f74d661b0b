import type { JsonMapping } from '../../../../shared/contract/schemas/brokers';
import type { Registry } from '../../../model/registry';
import type { DecodeSink, Protocol } from '../protocol';
import { DecodeError } from './decoder';
import { compileLinkMappings, type JsonRoute, type LinkMappings } from './mapping';

/** Remembered topics; cleared when it grows past this, so a flood of new topics cannot eat memory. */
const ROUTE_CACHE_LIMIT = 200_000;

/**
 * JSON devices on one link: each topic is matched against the link's mappings once (then cached),
 * its payload decoded into readings of the points the mapping names (created when first heard of).
 */
export class JsonProtocol implements Protocol {
  readonly filters: readonly string[];
  private readonly mappings: LinkMappings;
  private readonly routes = new Map<string, JsonRoute | null>();

  constructor(linkId: string, mappings: readonly JsonMapping[], registry: Registry) {
    this.mappings = compileLinkMappings(linkId, mappings, registry);
    this.filters = this.mappings.filters;
  }

  /** Every topic that no other protocol of the link claims: an unmapped one is a dead letter. */
  claims(): boolean {
    return true;
  }

  decode(topic: string, payload: Buffer, _receivedAt: number, sink: DecodeSink): void {
    const route = this.route(topic);
    if (route === null) {
      sink.refuse('unknown-topic', 'no mapping of this link matches the topic');
      return;
    }
    let readings;
    try {
      readings = route.decode(payload);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      sink.refuse(err.reason, err.message);
      return;
    }
    for (const r of readings) sink.reading(route.pointOf(r), r, false);
  }

  private route(topic: string): JsonRoute | null {
    const hit = this.routes.get(topic);
    if (hit !== undefined) return hit;
    const resolved = this.mappings.route(topic);
    if (this.routes.size >= ROUTE_CACHE_LIMIT) this.routes.clear();
    this.routes.set(topic, resolved);
    return resolved;
  }
}
