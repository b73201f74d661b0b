import { describe, expect, it } from 'vitest';
import { describeActivity, DeviceHealth, type HealthPolicy, type StatusMatcher } from '../../src/core/model/devices/device-health';
import { qualityReasons } from '../../src/shared/quality';

const T0 = Date.UTC(2026, 0, 10, 8, 0, 0);
const S = 1000;

const lwt: StatusMatcher = { name: 'availability', online: new Set(['online']), offline: new Set(['offline']) };
/** Device 1 reports every 10 s and is offline after 3 missed reports; point 9 is its status point. */
const policy: HealthPolicy = {
  version: 1,
  expectedIntervalMs: (d) => (d === 1 ? 10 * S : NaN),
  heartbeatMissed: () => 3,
  statusRule: (p) => (p === 9 ? lwt : null),
};

describe('heartbeat timeout', () => {
  it('goes offline after N expected intervals without a message, and back online with the next one', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.seen(1, T0, 0);
    expect(h.get(1)).toMatchObject({ online: true, reason: 'message', since: T0, lastSeen: T0 });
    expect(h.sweep(T0 + 29 * S)).toEqual([]);
    expect(h.sweep(T0 + 31 * S)).toEqual([1]);
    expect(h.get(1)).toMatchObject({ online: false, reason: 'heartbeat timeout', since: T0 + 30 * S, lastSeen: T0 });
    expect(describeActivity(h.get(1), h.expectedIntervalMs(1), h.heartbeatMissed(1))).toBe(
      'Offline: no message for longer than 3 × its expected interval of 10 s (heartbeat timeout).',
    );
    // A timeout is the core's judgement, not the device's word: its values are stale, not "reported offline".
    expect(h.reportedOffline(1)).toBe(false);
    expect(h.sweep(T0 + 60 * S)).toEqual([]);
    h.seen(1, T0 + 61 * S, 0);
    expect(h.get(1)).toMatchObject({ online: true, reason: 'message', since: T0 + 61 * S });
  });

  it('without a profile, judges against the interval the device has shown', () => {
    const h = new DeviceHealth(policy, 5 * S);
    // Device 2 publishes three points in a burst every 4 s: the burst is one beat.
    for (let i = 0; i < 4; i++) for (let k = 0; k < 3; k++) h.seen(2, T0 + i * 4 * S + k, 0);
    expect(h.expectedIntervalMs(2)).toBeCloseTo(4 * S, -2);
    const last = T0 + 12 * S + 2;
    expect(h.sweep(last + 11 * S)).toEqual([]);
    expect(h.sweep(last + 13 * S)).toEqual([2]);
  });

  it('after a restart, the stored last value tells when it was last seen but teaches no interval', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.restore(2, T0 - 3_600 * S, T0);
    expect(h.get(2)).toMatchObject({ online: false, reason: 'not heard since start', lastSeen: T0 - 3_600 * S });
    expect(describeActivity(h.get(2), NaN, 3)).toContain('Not heard from since the core started');
    h.seen(2, T0 + S, 0);
    expect(h.expectedIntervalMs(2)).toBeNaN();
    expect(h.get(2)).toMatchObject({ online: true, lastSeen: T0 + S });
  });

  it('a device never heard of twice has no interval and is never timed out', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.seen(3, T0, 0);
    expect(h.sweep(T0 + 3_600 * S)).toEqual([]);
    expect(h.get(3)?.online).toBe(true);
  });
});

describe('status point (last will, availability)', () => {
  it('its value sets the state and is not a sign of life; the next reading brings the device back', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.seen(1, T0, 0, 5, 21.5);
    h.seen(1, T0 + S, 0, 9, 'offline');
    expect(h.get(1)).toMatchObject({ online: false, reason: 'status', detail: 'availability = offline', since: T0 + S, lastSeen: T0 });
    expect(h.reportedOffline(1)).toBe(true);
    expect(describeActivity(h.get(1), NaN, 3)).toContain('its status point says so (availability = offline)');
    // A word the rule does not know changes nothing.
    h.seen(1, T0 + 2 * S, 0, 9, 'rebooting');
    expect(h.get(1)?.reason).toBe('status');
    h.seen(1, T0 + 3 * S, 0, 5, 21.6);
    expect(h.get(1)).toMatchObject({ online: true, reason: 'message', since: T0 + 3 * S });
  });

  it('births and deaths from the Sparkplug session set the state', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.setOnline(4, true, 'birth', T0);
    expect(h.get(4)).toMatchObject({ online: true, reason: 'birth', since: T0 });
    h.setOnline(4, false, 'death', T0 + S);
    expect(h.reportedOffline(4)).toBe(true);
    expect(describeActivity(h.get(4), NaN, 3)).toBe('Offline: it, or its edge node, reported its death.');
  });
});

describe('message rate', () => {
  it('is messages per minute over the last minute, taken from the counters by the sweep', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.sweep(T0);
    // 2 messages a second for 30 s.
    for (let i = 0; i < 60; i++) h.seen(1, T0 + i * 500, 0);
    for (let t = 5; t <= 30; t += 5) h.sweep(T0 + t * S);
    expect(h.get(1)!.ratePerMin).toBeCloseTo(120, 5);
    // Silent for the next minute: the window slides past the messages.
    for (let t = 35; t <= 95; t += 5) h.sweep(T0 + t * S);
    expect(h.get(1)!.ratePerMin).toBe(0);
  });
});

describe('quality summary per device', () => {
  it('aggregates the quality of every reading of the device', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.seen(1, T0, 0, 5, 21);
    h.seen(1, T0 + S, qualityReasons.outOfRange.bit, 6, 400);
    h.seen(1, T0 + 2 * S, qualityReasons.spike.bit, 5, 30);
    expect(h.summary(1, T0 + 3 * S)).toMatchObject({ good: 1, uncertain: 1, bad: 1 });
  });
});

describe('births and deaths', () => {
  it('a birth counts as seen even without readings; a death keeps the last time seen', () => {
    const h = new DeviceHealth(policy, 5 * S);
    h.setOnline(7, true, 'NBIRTH', 1000 * S);
    expect(h.get(7)).toMatchObject({ online: true, lastSeen: 1000 * S });
    h.setOnline(7, false, 'NDEATH', 1010 * S);
    expect(h.get(7)).toMatchObject({ online: false, lastSeen: 1000 * S, since: 1010 * S });
  });
});
