import type { SparkplugSettings } from '../../../../shared/contract/schemas/brokers';
import type { Point, Registry } from '../../../model/registry';
import type { DecodeSink, LinkPublisher, Outbound, Protocol } from '../protocol';
import { SPARKPLUG_NAMESPACE } from './codec';
import { hostAnnouncement, type HostAnnouncement } from './host-state';
import { SparkplugSession, type SparkplugReading } from './session';

const PREFIX = `${SPARKPLUG_NAMESPACE}/`;

/**
 * Sparkplug B on one link, as a host application: subscribes the groups, tracks each edge node's
 * session, turns births and deaths into device states and metrics into points
 * `<group>/<node>[/<device>]/<metric>` with the birth's type and unit, asks for a rebirth on a gap,
 * and with a host id announces this host on `spBv1.0/STATE/<hostId>` (birth, will, farewell).
 */
export class SparkplugProtocol implements Protocol {
  readonly filters: readonly string[];
  private readonly session = new SparkplugSession();
  /** With a host id, this host announces itself on its STATE topic. */
  private readonly host: HostAnnouncement | undefined;

  constructor(
    private readonly linkId: string,
    private readonly settings: SparkplugSettings,
    private readonly registry: Registry,
    private readonly link: LinkPublisher,
  ) {
    this.host = settings.hostId === undefined ? undefined : hostAnnouncement(settings.hostId);
    this.filters = settings.groups === undefined ? [`${PREFIX}#`] : settings.groups.map((g) => `${PREFIX}${g}/#`);
  }

  lost(): number {
    return this.session.lostMessages;
  }

  claims(topic: string): boolean {
    return topic.startsWith(PREFIX);
  }

  decode(topic: string, payload: Buffer, receivedAt: number, sink: DecodeSink): void {
    const result = this.session.accept(topic, payload, receivedAt);
    if (result.error !== undefined) sink.refuse(result.error.reason, result.error.message);
    for (const s of result.status) sink.status(this.registry.ensureDevice(s.deviceKey, undefined, this.linkId).id, s.online, s.reason);
    for (const r of result.readings) sink.reading(this.point(r), r, true);
    for (const s of result.skipped) sink.skip(s.reason, `${s.deviceKey} ${s.metric}: ${s.message}`);
    if (result.rebirth !== undefined) this.link.publish({ topic: result.rebirth.topic, payload: result.rebirth.payload, qos: 0, retain: false });
  }

  will(startedAt: number): Outbound | undefined {
    return this.host?.will(startedAt);
  }

  birth(startedAt: number): Outbound | undefined {
    return this.host?.birth(startedAt);
  }

  farewell(startedAt: number): Outbound | undefined {
    return this.host?.farewell(startedAt);
  }

  /** The point of a metric; its birth says its type and unit. */
  private point(r: SparkplugReading): Point {
    const key = `${r.deviceKey}/${r.pointName}`;
    const found = this.registry.point(key);
    if (found === undefined) {
      return this.registry.ensurePoint({ key, deviceKey: r.deviceKey, name: r.pointName, linkId: this.linkId, valueType: r.valueType, unit: r.unit ?? null });
    }
    if (found.valueType === r.valueType && (r.unit === undefined || r.unit === found.unit)) return found;
    return this.registry.register({ key, deviceKey: r.deviceKey, valueType: r.valueType, ...(r.unit !== undefined ? { unit: r.unit } : {}) });
  }
}
