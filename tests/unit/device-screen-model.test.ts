import { describe, expect, it } from 'vitest';
import type { Space, Storey } from '../../src/shared/contract/schemas/spaces';
import { spaceIndex } from '../../src/renderer/state/space-names';
import {
  describeHeartbeat,
  describeLimits,
  filterDevices,
  goodShare,
  keepOrder,
  rankOf,
  sortDevices,
  type DeviceItem,
} from '../../src/renderer/views/devices/devices-model';

const quality = (good: number, uncertain = 0, bad = 0) => ({ windowS: 3600, good, uncertain, bad, reasons: [] });

function device(id: number, key: string, extra: Partial<DeviceItem> = {}): DeviceItem {
  return {
    id,
    key,
    name: key,
    spaceId: null,
    profile: null,
    profileSource: null,
    online: true,
    reason: 'message',
    reasonText: '',
    since: 0,
    lastSeen: 1000,
    ratePerMin: 1,
    expectedIntervalS: null,
    quality: quality(10),
    qualityNow: 'good',
    battery: null,
    signal: null,
    pointCount: 1,
    ...extra,
  };
}

const list = [
  device(1, 'hq/f1/r101/sensor', { name: 'Room sensor 101', profile: 'room-sensor', spaceId: 'hq/f1/r101', ratePerMin: 150 }),
  device(2, 'hq/f1/r102/sensor', { name: 'Room sensor 102', profile: 'room-sensor', online: false, reason: 'heartbeat timeout', lastSeen: 500, qualityNow: 'uncertain', quality: quality(5, 5) }),
  device(3, 'z2m/kitchen', { name: 'Kitchen', battery: { point: 9, value: 12, unit: '%', ts: 1 }, qualityNow: 'bad', quality: quality(9, 0, 1) }),
  device(4, 'misc/gw', { name: 'Gateway', lastSeen: null, qualityNow: null, quality: quality(0), ratePerMin: 0 }),
];
const keys = (ds: DeviceItem[]) => ds.map((d) => d.key);

describe('the Devices screen model', () => {
  it('filters by every term of the text, by state and by current quality', () => {
    expect(keys(filterDevices(list, 'room 102', 'all', 'all'))).toEqual(['hq/f1/r102/sensor']);
    expect(keys(filterDevices(list, 'ROOM-SENSOR', 'offline', 'all'))).toEqual(['hq/f1/r102/sensor']);
    expect(keys(filterDevices(list, '', 'online', 'bad'))).toEqual(['z2m/kitchen']);
    expect(filterDevices(list, 'nothing like it', 'all', 'all')).toEqual([]);
  });

  it('finds a device by the name of its room and storey, and still by the space id', () => {
    const storey: Storey = { id: 'hq/f1', name: 'First floor', elevationM: 4, heightM: null, order: 1, known: true };
    const room: Space = { id: 'hq/f1/r101', name: 'Meeting room Elm', use: 'meeting', storeyId: 'hq/f1', parentId: null, areaM2: 20, known: true, pointCount: 5, deviceCount: 1 };
    const spaces = spaceIndex({ storeys: [storey], spaces: [room] });
    expect(keys(filterDevices(list, 'elm', 'all', 'all', spaces))).toEqual(['hq/f1/r101/sensor']);
    expect(keys(filterDevices(list, 'first floor', 'all', 'all', spaces))).toEqual(['hq/f1/r101/sensor']);
    expect(keys(filterDevices(list, 'hq/f1/r101', 'all', 'all', spaces))).toEqual(['hq/f1/r101/sensor']);
    // Before the building model is read, only the id is known.
    expect(filterDevices(list, 'elm', 'all', 'all', null)).toEqual([]);
  });

  it('sorts by any column, devices without a value last whichever the direction', () => {
    expect(keys(sortDevices(list, 'device', 'asc'))).toEqual(['misc/gw', 'z2m/kitchen', 'hq/f1/r101/sensor', 'hq/f1/r102/sensor']);
    expect(keys(sortDevices(list, 'state', 'asc'))[0]).toBe('hq/f1/r102/sensor');
    expect(keys(sortDevices(list, 'rate', 'desc'))[0]).toBe('hq/f1/r101/sensor');
    expect(keys(sortDevices(list, 'lastSeen', 'desc'))).toEqual(['hq/f1/r101/sensor', 'z2m/kitchen', 'hq/f1/r102/sensor', 'misc/gw']);
    expect(keys(sortDevices(list, 'lastSeen', 'asc')).at(-1)).toBe('misc/gw');
    // Worst first: bad, then uncertain, then good; no values at all last.
    expect(keys(sortDevices(list, 'quality', 'desc'))).toEqual(['z2m/kitchen', 'hq/f1/r102/sensor', 'hq/f1/r101/sensor', 'misc/gw']);
    expect(keys(sortDevices(list, 'battery', 'asc'))[0]).toBe('z2m/kitchen');
    expect(keys(sortDevices(list, 'profile', 'asc')).slice(0, 2)).toEqual(['hq/f1/r101/sensor', 'hq/f1/r102/sensor']);
  });

  it('keeps a live order taken at one moment; newcomers follow', () => {
    const ranks = rankOf(sortDevices(list, 'rate', 'desc'));
    const later = [...list.map((d) => ({ ...d, ratePerMin: 1000 - d.ratePerMin })), device(5, 'a/new')];
    expect(keys(keepOrder(later, ranks))).toEqual([...keys(sortDevices(list, 'rate', 'desc')), 'a/new']);
  });

  it('says the share of good samples, the heartbeat and the limits in words', () => {
    expect(goodShare(quality(9, 0, 1))).toBe(0.9);
    expect(goodShare(quality(0))).toBeNull();
    expect(describeHeartbeat(60, 3, false)).toBe('every 60 s, offline after 3 missed');
    expect(describeHeartbeat(2.1, 3, true)).toBe('about every 2.1 s (learned), offline after 3 missed');
    expect(describeHeartbeat(null, 3, true)).toContain('no interval known yet');
    expect(describeLimits({ min: -10, max: 60, maxRatePerS: 1, flatlineS: 14_400 }, '°C')).toBe('-10 … 60 °C · ≤ 1 °C/s · flat > 4 h');
    expect(describeLimits({ min: 0, neverDecreases: true }, 'kWh')).toBe('≥ 0 kWh · never decreases');
    expect(describeLimits({ min: null }, null)).toBe('no limits');
  });
});
