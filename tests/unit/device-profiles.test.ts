import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import { DeviceProfileTable } from '../../src/core/db/device-profiles';
import { demoPointSpecs, loadDemoBuilding } from '../../src/core/demo/building';
import { builtinProfiles } from '../../src/core/model/devices/builtin-profiles';
import { DeviceProfiles } from '../../src/core/model/devices/profiles';
import { Registry } from '../../src/core/model/registry';
import { DeviceProfile } from '../../src/shared/contract/schemas/devices';
import { ApiError, ErrorCode } from '../../src/shared/errors';
import { tempDir } from '../helpers/temp-dir';

let dir: string;
let file: string;
let db: Db;
let registry: Registry;
let profiles: DeviceProfiles;

function open(): void {
  db = openDatabase(file);
  registry = new Registry(db);
  profiles = new DeviceProfiles(registry, new DeviceProfileTable(db));
}

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'site.db');
  open();
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('built-in profiles', () => {
  it('are valid profiles with unique ids', () => {
    for (const p of builtinProfiles) expect(DeviceProfile.safeParse(p).error).toBeUndefined();
    expect(new Set(builtinProfiles.map((p) => p.id)).size).toBe(builtinProfiles.length);
  });

  it('every demo device is matched to the profile of its type', () => {
    const building = loadDemoBuilding();
    for (const spec of demoPointSpecs(building)) registry.register(spec);
    expect(profiles.matchDiscovered()).toBe(building.devices.length);
    for (const d of building.devices) {
      expect({ device: d.key, profile: profiles.assignment(registry.device(d.key)!.id)?.profile.id }).toEqual({ device: d.key, profile: d.type });
    }
    // Nothing new: the next pass does no work.
    expect(profiles.matchDiscovered()).toBe(0);
  });
});

describe('registering a device from a profile', () => {
  it('creates the device and its points with kind, unit and tags, and keeps the registration', () => {
    profiles.register({ key: 'hq/f3/r301/wsensor', name: 'Wireless sensor 301', profile: 'wireless-room-sensor', space: 'hq/f3/r301', expectedIntervalS: 60 });
    const device = registry.device('hq/f3/r301/wsensor')!;
    expect(device).toMatchObject({ name: 'Wireless sensor 301', spaceId: 'hq/f3/r301' });
    expect(registry.point('hq/f3/r301/wsensor/battery')).toMatchObject({ kind: 'sensor', unit: '%', tags: ['battery', 'sensor'], spaceId: 'hq/f3/r301' });
    expect(registry.point('hq/f3/r301/wsensor/availability')).toMatchObject({ kind: 'status', valueType: 'string' });
    expect(profiles.expectedIntervalMs(device.id)).toBe(60_000);
    expect(profiles.heartbeatMissed(device.id)).toBe(3);
    expect(profiles.statusRule(registry.point('hq/f3/r301/wsensor/availability')!.id)?.offline.has('offline')).toBe(true);

    db.close();
    open();
    const again = registry.device('hq/f3/r301/wsensor')!;
    expect(profiles.assignment(again.id)).toMatchObject({ source: 'registered', expectedIntervalS: 60, profile: { id: 'wireless-room-sensor' } });
    expect(registry.pointCount).toBe(5);
  });

  it('brings an already discovered device in line: name, space, kinds and tags', () => {
    registry.ensurePoint({ key: 'lab/vav7/setpoint', deviceKey: 'lab/vav7' });
    const before = profiles.version;
    profiles.register({ key: 'lab/vav7', name: 'VAV 7', profile: 'vav', space: 'lab' });
    expect(profiles.version).toBeGreaterThan(before);
    expect(registry.device('lab/vav7')).toMatchObject({ name: 'VAV 7', spaceId: 'lab' });
    expect(registry.point('lab/vav7/setpoint')).toMatchObject({ kind: 'setpoint', unit: '°C', spaceId: 'lab' });
    // Without an interval of its own the device follows its profile's.
    expect(profiles.expectedIntervalMs(registry.device('lab/vav7')!.id)).toBe(60_000);
  });

  it('refuses an unknown profile, naming the known ones', () => {
    const err = apiError(() => profiles.register({ key: 'x/y', name: 'X', profile: 'toaster' }));
    expect(err.code).toBe(ErrorCode.InvalidParams);
    expect(err.message).toContain('unknown profile "toaster"');
    expect(err.message).toContain('room-sensor');
    expect(registry.deviceCount).toBe(0);
  });
});

describe('discovered devices', () => {
  it('get the profile whose points they carry, and its kinds and tags where they have none', () => {
    for (const name of ['temperature', 'humidity', 'battery', 'rssi']) registry.ensurePoint({ key: `z2m/kitchen/${name}`, deviceKey: 'z2m/kitchen' });
    profiles.matchDiscovered();
    const id = registry.device('z2m/kitchen')!.id;
    expect(profiles.assignment(id)).toMatchObject({ source: 'matched', profile: { id: 'wireless-room-sensor' } });
    expect(registry.point('z2m/kitchen/rssi')).toMatchObject({ tags: ['rssi', 'signal', 'sensor'] });
  });

  it('stay without a profile when none fits', () => {
    registry.ensurePoint({ key: 'misc/pump/pressure', deviceKey: 'misc/pump' });
    profiles.matchDiscovered();
    expect(profiles.assignment(registry.device('misc/pump')!.id)).toBeUndefined();
    expect(profiles.expectedIntervalMs(registry.device('misc/pump')!.id)).toBeNaN();
  });

  it('a point named as a status topic is a status point even without a profile', () => {
    const p = registry.ensurePoint({ key: 'misc/gw/lwt', deviceKey: 'misc/gw' });
    expect(profiles.statusRule(p.id)?.offline.has('offline')).toBe(true);
    expect(profiles.statusRule(registry.ensurePoint({ key: 'misc/gw/temp', deviceKey: 'misc/gw' }).id)).toBeNull();
  });
});

describe("a point's own limits", () => {
  it('override the profile and the table, survive a restart, and can be removed', () => {
    profiles.register({ key: 'hq/f1/r101/sensor', name: 'Room sensor 101', profile: 'room-sensor' });
    const temp = registry.point('hq/f1/r101/sensor/temp')!;
    // Table: −50..150 for air; the room-sensor profile narrows it to −10..60.
    expect(profiles.limits(temp)).toMatchObject({ min: -10, max: 60, maxRatePerS: 1 });
    expect(profiles.setLimits(temp.id, { max: 35, maxRatePerS: null })).toMatchObject({ min: -10, max: 35, maxRatePerS: null });

    db.close();
    open();
    expect(profiles.override(temp.id)).toEqual({ max: 35, maxRatePerS: null });
    expect(profiles.limits(registry.pointById(temp.id)!)).toMatchObject({ max: 35, maxRatePerS: null });
    profiles.setLimits(temp.id, null);
    expect(profiles.override(temp.id)).toBeNull();
    expect(profiles.limits(registry.pointById(temp.id)!)).toMatchObject({ max: 60 });
  });

  it('must leave a range: a min above the max in force is refused', () => {
    profiles.register({ key: 'hq/f1/r101/sensor', name: 'Room sensor 101', profile: 'room-sensor' });
    const temp = registry.point('hq/f1/r101/sensor/temp')!;
    const err = apiError(() => profiles.setLimits(temp.id, { min: 70 }));
    expect(err.message).toContain('min 70 would exceed max 60');
    expect(profiles.override(temp.id)).toBeNull();
    expect(apiError(() => profiles.setLimits(999, { min: 0 })).code).toBe(ErrorCode.NotFound);
  });
});
