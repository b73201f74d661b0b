import type { z } from 'zod';
import type { MethodOutput, MethodParams } from '../../../shared/contract';
import type {
  Device as DeviceItem,
  DevicePoint,
  DevicesListInput,
  DeviceReading,
} from '../../../shared/contract/schemas/devices';
import type { LatestValue } from '../../../shared/contract/schemas/points';
import { notFound } from '../../../shared/errors';
import { qualityLevel, type QualityLevel } from '../../../shared/quality';
import { describeActivity, type DeviceHealth } from './device-health';
import type { LatestValues } from '../latest-values';
import type { DeviceProfiles } from './profiles';
import type { QualityAssessor } from '../quality/quality';
import type { Device, Point, Registry } from '../registry';
import type { EventPublisher } from '../../api/event-hub';
import { every } from '../../system/every';

type ListFilter = z.output<typeof DevicesListInput>;
type Reading = z.infer<typeof DeviceReading>;

/** Heartbeat timeouts, message rates, stale values and profile matching are judged this often. */
export const DEVICE_SWEEP_MS = 2000;

const levelRank: Record<QualityLevel, number> = { good: 0, uncertain: 1, bad: 2 };

const has = (p: Point, tags: readonly string[], name: RegExp): boolean => tags.some((t) => p.tags.includes(t)) || name.test(p.name);
/** Points whose tags or name say they carry the device's battery charge or radio signal. */
const isBattery = (p: Point): boolean => has(p, ['battery', 'batteryLevel'], /batt/i);
const isSignal = (p: Point): boolean => has(p, ['rssi', 'signal', 'linkQuality', 'lqi'], /rssi|signal|link_?quality|lqi|snr/i);

export interface DeviceDirectoryDeps {
  registry: Registry;
  latest: LatestValues;
  health: DeviceHealth;
  quality: QualityAssessor;
  profiles: DeviceProfiles;
}

/**
 * Devices as the contract shows them: the registry's devices with their health, profile, quality,
 * battery and signal. Also runs the periodic sweep that time-driven health and quality depend on.
 */
export class DeviceDirectory {
  private readonly startedAt = Date.now();
  /** What each device looked like in the last `devices.changed`, to send only the ones that changed. */
  private readonly sent = new Map<number, string>();
  private stopSweeps: (() => void) | null = null;

  constructor(private readonly s: DeviceDirectoryDeps) {
    // Last seen survives a restart through the stored latest values.
    const newest = new Map<number, number>();
    for (const v of s.latest.all()) {
      const p = s.registry.pointById(v.id);
      if (p) newest.set(p.deviceId, Math.max(newest.get(p.deviceId) ?? 0, v.ts));
    }
    for (const [deviceId, ts] of newest) s.health.restore(deviceId, ts, this.startedAt);
  }

  /**
   * Matches profiles to new devices, times out silent devices, takes message rates, and marks
   * stale and offline values. Returns how many latest values changed quality.
   */
  sweep(now: number): number {
    this.s.profiles.matchDiscovered();
    this.s.health.sweep(now);
    return this.s.quality.sweepStale(now, this.s.registry.points(), this.s.latest, (id) => this.s.health.reportedOffline(id));
  }

  /** Sweeps every DEVICE_SWEEP_MS and tells subscribers of `devices.changed` which devices changed. */
  start(events: EventPublisher): void {
    this.sweep(Date.now());
    this.stopSweeps = every(DEVICE_SWEEP_MS, 'the device sweep', () => {
      const now = Date.now();
      this.sweep(now);
      if (events.wants('devices.changed')) {
        const devices = this.changedSinceLast(now);
        if (devices.length > 0) events.publish('devices.changed', { devices });
      } else this.sent.clear();
    });
  }

  stop(): void {
    this.stopSweeps?.();
    this.stopSweeps = null;
  }

  /** The devices whose item differs from the one last sent (every device the first time). */
  changedSinceLast(now = Date.now()): DeviceItem[] {
    const pointsOf = this.pointsByDevice();
    const out: DeviceItem[] = [];
    for (const d of this.s.registry.devices()) {
      const item = this.item(d, pointsOf.get(d.id) ?? [], now);
      const signature = JSON.stringify(item);
      if (this.sent.get(d.id) === signature) continue;
      this.sent.set(d.id, signature);
      out.push(item);
    }
    return out;
  }

  /** Registers a device from a profile and answers it as `devices.get` would. */
  register(q: MethodParams<'devices.register'>): DeviceItem {
    const device = this.s.profiles.register(q);
    return this.get({ id: device.id }).device;
  }

  setLimits(q: MethodParams<'devices.setLimits'>): MethodOutput<'devices.setLimits'> {
    const limits = this.s.profiles.setLimits(q.point, q.limits);
    return { point: q.point, limits, override: this.s.profiles.override(q.point) };
  }

  list(q: ListFilter, now = Date.now()): { devices: DeviceItem[]; total: number } {
    const pointsOf = this.pointsByDevice();
    const text = q.text?.toLowerCase();
    const out: DeviceItem[] = [];
    for (const d of this.s.registry.devices()) {
      const item = this.item(d, pointsOf.get(d.id) ?? [], now);
      if (q.online !== undefined && item.online !== q.online) continue;
      if (q.spaceId !== undefined && item.spaceId !== q.spaceId) continue;
      if (q.profile !== undefined && (item.profile ?? 'none') !== q.profile) continue;
      if (q.quality !== undefined && item.qualityNow !== q.quality) continue;
      if (text && !`${d.key}\u0000${d.name}\u0000${d.spaceId ?? ''}\u0000${item.profile ?? ''}`.toLowerCase().includes(text)) continue;
      out.push(item);
    }
    out.sort((a, b) => a.key.localeCompare(b.key));
    return { devices: out.slice(0, q.limit), total: out.length };
  }

  get(ref: { id?: number | undefined; key?: string | undefined }, now = Date.now()): MethodOutput<'devices.get'> {
    const device = ref.key !== undefined ? this.s.registry.device(ref.key) : this.s.registry.deviceById(ref.id!);
    if (!device) throw notFound(`device ${ref.key ?? ref.id}`);
    const points = this.pointsByDevice().get(device.id) ?? [];
    points.sort((a, b) => a.name.localeCompare(b.name));
    return {
      device: this.item(device, points, now),
      profile: this.s.profiles.assignment(device.id)?.profile ?? null,
      points: points.map(
        (p): z.infer<typeof DevicePoint> => ({
          point: p,
          latest: this.s.latest.get(p.id) ?? null,
          quality: this.s.quality.summary(p.id, now),
          limits: this.s.profiles.limits(p),
          override: this.s.profiles.override(p.id),
        }),
      ),
    };
  }

  private pointsByDevice(): Map<number, Point[]> {
    const map = new Map<number, Point[]>();
    for (const p of this.s.registry.points()) {
      let list = map.get(p.deviceId);
      if (!list) map.set(p.deviceId, (list = []));
      list.push(p);
    }
    return map;
  }

  private item(d: Device, points: readonly Point[], now: number): DeviceItem {
    const activity = this.s.health.get(d.id);
    const assignment = this.s.profiles.assignment(d.id);
    const intervalMs = this.s.health.expectedIntervalMs(d.id);
    let worst: QualityLevel | null = null;
    let battery: Reading | null = null;
    let signal: Reading | null = null;
    for (const p of points) {
      const v = this.s.latest.get(p.id);
      if (!v) continue;
      const level = qualityLevel(v.quality);
      if (worst === null || levelRank[level] > levelRank[worst]) worst = level;
      if (battery === null && isBattery(p)) battery = reading(p, v);
      else if (signal === null && isSignal(p)) signal = reading(p, v);
    }
    return {
      id: d.id,
      key: d.key,
      name: d.name,
      spaceId: d.spaceId,
      profile: assignment?.profile.id ?? null,
      profileSource: assignment?.source ?? null,
      online: activity?.online ?? false,
      reason: activity?.reason ?? 'never heard from',
      reasonText: describeActivity(activity, intervalMs, this.s.health.heartbeatMissed(d.id)),
      since: activity?.since ?? this.startedAt,
      lastSeen: activity?.lastSeen ?? null,
      ratePerMin: activity?.ratePerMin ?? 0,
      expectedIntervalS: Number.isNaN(intervalMs) ? null : intervalMs / 1000,
      quality: this.s.health.summary(d.id, now),
      qualityNow: worst,
      battery,
      signal,
      pointCount: points.length,
    };
  }
}

function reading(p: Point, v: LatestValue): Reading | null {
  return typeof v.value === 'number' ? { point: p.id, value: v.value, unit: p.unit, ts: v.ts } : null;
}
