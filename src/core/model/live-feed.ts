import type { EventPublisher } from '../api/event-hub';
import { every } from '../system/every';
import type { LatestValues } from './latest-values';
import type { Registry } from './registry';

/** Live values and registry changes reach clients at most this often, whatever the message rate. */
export const COALESCE_MS = 50;

/**
 * Pushes what changed in the site model since the last tick: the latest value of each changed point
 * (`points.changed`) and the points added or redescribed (`points.updated`). Coalesced, so a flood of
 * messages is one notification per tick.
 */
export class LiveFeed {
  private stopTicks: (() => void) | null = null;

  constructor(
    private readonly latest: LatestValues,
    private readonly registry: Registry,
  ) {}

  start(events: EventPublisher): void {
    this.stopTicks = every(COALESCE_MS, 'publishing live values', () => {
      // Taken even when nobody listens, so a new subscriber does not receive a backlog.
      const points = this.registry.takeChanged();
      if (points.length > 0 && events.wants('points.updated')) events.publish('points.updated', { points });
      const values = this.latest.takeChanged();
      if (values.length > 0 && events.wants('points.changed')) events.publish('points.changed', { values });
    });
  }

  stop(): void {
    this.stopTicks?.();
    this.stopTicks = null;
  }
}
