import type { DeviceProfile, ProfilePoint, QualityLimits, StatusRule } from '../../../shared/contract/schemas/devices';
import { invalidParams, notFound } from '../../../shared/errors';
import type { DeviceProfileTable } from '../../db/device-profiles';
import { builtinProfiles } from './builtin-profiles';
import { DEFAULT_HEARTBEAT_MISSED, statusValue, type HealthPolicy, type StatusMatcher } from './device-health';
import { mergeLimits, tableLimits } from '../quality/quality-limits';
import type { QualityPolicy } from '../quality/quality';
import type { Device, Point, Registry } from '../registry';

export interface Assignment {
  profile: DeviceProfile;
  source: 'registered' | 'matched';
  /** The registration's own interval, over the profile's. */
  expectedIntervalS: number | null;
}

export interface Registration {
  key: string;
  name: string;
  profile: string;
  /** Left out: the device keeps its space (a new one has none). */
  space?: string | null | undefined;
  expectedIntervalS?: number | null | undefined;
}

/**
 * Without a profile, a point with one of these names whose value is one of these words tells its
 * device's state: what gateways and bridges publish as a last will or availability topic.
 */
const defaultStatusNames = new Set(['availability', 'lwt', 'connection', 'status']);
const defaultStatus = { online: new Set(['online', 'connected']), offline: new Set(['offline', 'disconnected']) };
const defaultFlagNames = new Set(['online', 'connected']);
const defaultFlag = { online: new Set(['true']), offline: new Set(['false']) };

function matcher(rule: StatusRule): StatusMatcher {
  return { name: rule.point, online: new Set(rule.online.map(statusValue)), offline: new Set(rule.offline.map(statusValue)) };
}

/** Every point of the profile (its status point aside) is on the device, with the same unit where both say. */
function fitsProfile(profile: DeviceProfile, points: readonly Point[]): boolean {
  return profile.points.every(
    (pp) => pp.name === profile.status?.point || points.some((p) => p.name === pp.name && (p.unit === null || pp.unit === null || p.unit === pp.unit)),
  );
}

/**
 * Device profiles: the catalogue, which device has which (registered by hand and kept in the database,
 * or matched to a discovered device by its points), and each point's own limits. It is the policy the
 * quality assessor and the device health follow; `version` changes with every change, so they rebuild
 * what they cached.
 */
export class DeviceProfiles implements QualityPolicy, HealthPolicy {
  version = 1;
  private readonly catalogue: ReadonlyMap<string, DeviceProfile>;
  private readonly assigned: (Assignment | undefined)[] = [];
  private readonly overrides: (QualityLimits | undefined)[] = [];
  /** Point count at the last matching pass: new points are what can make a profile fit. */
  private matchedAtCount = -1;

  constructor(
    private readonly registry: Registry,
    private readonly table: DeviceProfileTable,
    profiles: readonly DeviceProfile[] = builtinProfiles,
  ) {
    this.catalogue = new Map(profiles.map((p) => [p.id, p]));
    for (const row of table.profiles()) {
      const profile = this.catalogue.get(row.profile);
      if (profile) this.assigned[row.deviceId] = { profile, source: 'registered', expectedIntervalS: row.expectedIntervalS };
      else console.warn(`arxos: device ${row.deviceId} is registered with the unknown profile "${row.profile}"; it is kept but not applied`);
    }
    for (const row of table.limits()) {
      if (row.limits) this.overrides[row.pointId] = row.limits;
      else console.warn(`arxos: the quality limits of point ${row.pointId} are not valid limits (${row.raw.slice(0, 80)}); they are kept but not applied`);
    }
  }

  list(): DeviceProfile[] {
    return [...this.catalogue.values()];
  }

  assignment(deviceId: number): Assignment | undefined {
    return this.assigned[deviceId];
  }

  /**
   * Registers a device from a profile: creates it and the profile's points (or brings existing ones
   * in line with the profile), and keeps the registration.
   */
  register(r: Registration, at = Date.now()): Device {
    const profile = this.catalogue.get(r.profile);
    if (!profile) throw invalidParams(`unknown profile "${r.profile}"; the profiles are: ${[...this.catalogue.keys()].join(', ')}`);
    for (const pp of profile.points) {
      const existing = this.registry.point(`${r.key}/${pp.name}`);
      if (existing && existing.deviceKey !== r.key) {
        throw invalidParams(`point ${existing.key} already belongs to device ${existing.deviceKey}`);
      }
    }
    for (const pp of profile.points) {
      this.registry.register({
        key: `${r.key}/${pp.name}`,
        deviceKey: r.key,
        name: pp.name,
        deviceName: r.name,
        kind: pp.kind,
        valueType: pp.valueType,
        unit: pp.unit,
        tags: pp.tags,
        ...(r.space !== undefined ? { spaceId: r.space } : {}),
      });
    }
    const device = this.registry.device(r.key)!;
    this.registry.describeDevice(device, r.name, r.space === undefined ? device.spaceId : r.space);
    const expectedIntervalS = r.expectedIntervalS ?? null;
    this.table.saveProfile({ deviceId: device.id, profile: profile.id, expectedIntervalS }, at);
    this.assigned[device.id] = { profile, source: 'registered', expectedIntervalS };
    this.version++;
    return device;
  }

  /**
   * Gives discovered devices the profile that fits them best (the one with most points), and their
   * points the profile's kind and tags where they have none. Runs on a timer; it does work only when
   * points were added since the last pass.
   */
  matchDiscovered(): number {
    if (this.registry.pointCount === this.matchedAtCount) return 0;
    this.matchedAtCount = this.registry.pointCount;
    const byDevice = new Map<number, Point[]>();
    for (const p of this.registry.points()) {
      if (this.assigned[p.deviceId]?.source === 'registered') continue;
      let list = byDevice.get(p.deviceId);
      if (!list) byDevice.set(p.deviceId, (list = []));
      list.push(p);
    }
    let changed = 0;
    for (const [deviceId, points] of byDevice) {
      let best: DeviceProfile | undefined;
      for (const profile of this.catalogue.values()) {
        if (fitsProfile(profile, points) && profile.points.length > (best?.points.length ?? 0)) best = profile;
      }
      if (best === undefined || this.assigned[deviceId]?.profile === best) continue;
      this.assigned[deviceId] = { profile: best, source: 'matched', expectedIntervalS: null };
      for (const p of points) this.adoptProfilePoint(p, best.points.find((pp) => pp.name === p.name));
      changed++;
    }
    if (changed > 0) this.version++;
    return changed;
  }

  /** A discovered point takes the profile's kind, and its tags when it has none; its own unit stays. */
  private adoptProfilePoint(p: Point, pp: ProfilePoint | undefined): void {
    if (!pp || (p.kind === pp.kind && p.tags.length > 0)) return;
    this.registry.register({ key: p.key, deviceKey: p.deviceKey, kind: pp.kind, tags: p.tags.length > 0 ? p.tags : pp.tags, unit: p.unit ?? pp.unit });
  }

  /** A point's own limits; null removes them. The limits in force must still make a range. */
  setLimits(pointId: number, limits: QualityLimits | null, at = Date.now()): QualityLimits {
    const point = this.registry.pointById(pointId);
    if (!point) throw notFound(`point ${pointId}`);
    const effective = mergeLimits(this.baseLimits(point), limits);
    if (typeof effective.min === 'number' && typeof effective.max === 'number' && effective.min > effective.max) {
      throw invalidParams(`limits: min ${effective.min} would exceed max ${effective.max} once the profile and built-in limits are applied`);
    }
    this.table.saveLimits(pointId, limits, at);
    this.overrides[pointId] = limits ?? undefined;
    this.version++;
    return effective;
  }

  override(pointId: number): QualityLimits | null {
    return this.overrides[pointId] ?? null;
  }

  /** The built-in table, then the profile's limits for the point. */
  private baseLimits(point: Point): QualityLimits {
    const pp = this.assigned[point.deviceId]?.profile.points.find((p) => p.name === point.name);
    return mergeLimits(tableLimits(point), pp?.limits);
  }

  limits(point: Point): QualityLimits {
    return mergeLimits(this.baseLimits(point), this.overrides[point.id]);
  }

  expectedIntervalMs(deviceId: number): number {
    const a = this.assigned[deviceId];
    const s = a ? (a.expectedIntervalS ?? a.profile.expectedIntervalS) : null;
    return s === null ? NaN : s * 1000;
  }

  heartbeatMissed(deviceId: number): number {
    return this.assigned[deviceId]?.profile.heartbeatMissed ?? DEFAULT_HEARTBEAT_MISSED;
  }

  statusRule(pointId: number): StatusMatcher | null {
    const point = this.registry.pointById(pointId);
    if (!point) return null;
    const status = this.assigned[point.deviceId]?.profile.status;
    if (status) return status.point === point.name ? matcher(status) : null;
    const name = point.name.toLowerCase();
    if (defaultStatusNames.has(name)) return { name: point.name, ...defaultStatus };
    if (defaultFlagNames.has(name)) return { name: point.name, ...defaultFlag };
    return null;
  }
}
