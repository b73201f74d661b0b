import { describe, expect, it } from 'vitest';
import { loadDemoBuilding } from '../../src/core/demo/building';
import type { LocalTime } from '../../src/core/demo/simulator/local-time';
import { meetingBookings, OccupancyModel, occupants, type OccupiedSpace } from '../../src/core/demo/simulator/occupancy';
import { hashString } from '../../src/core/demo/simulator/random';

const building = loadDemoBuilding();
const spaces: OccupiedSpace[] = building.spaces.map((s) => ({ kind: s.kind, capacity: s.capacity, hashKey: hashString(s.id) }));
const seed = building.seed;
/** 2025-01-13, a Monday, as days since 1970-01-01. */
const MONDAY = Date.UTC(2025, 0, 13) / 86_400_000;

function at(day: number, hour: number): LocalTime {
  return { day, weekday: (((day + 4) % 7) + 7) % 7, hour, minute: Math.floor(hour * 60) };
}

function total(t: LocalTime, of: OccupiedSpace[] = spaces): number {
  return of.reduce((sum, space) => sum + occupants(seed, space, t), 0);
}

/** Mean building occupancy at an hour over the working days of four weeks. */
function weekdayMean(hour: number, of: OccupiedSpace[] = spaces): number {
  let sum = 0;
  let n = 0;
  for (let week = 0; week < 4; week++) for (let d = 0; d < 5; d++, n++) sum += total(at(MONDAY + week * 7 + d, hour), of);
  return sum / n;
}

describe('occupancy schedules', () => {
  it('fill the building on working days and leave it empty at weekends and at night', () => {
    const capacity = spaces.filter((s) => s.kind === 'office' || s.kind === 'open-plan').reduce((sum, s) => sum + s.capacity, 0);
    for (let week = 0; week < 4; week++) {
      for (let d = 0; d < 5; d++) {
        const day = MONDAY + week * 7 + d;
        expect(total(at(day, 10.5))).toBeGreaterThan(0.3 * capacity);
        expect(total(at(day, 2))).toBe(0);
        expect(total(at(day, 22))).toBe(0);
      }
      for (const d of [5, 6]) for (const hour of [2, 10.5, 14, 20]) expect(total(at(MONDAY + week * 7 + d, hour))).toBe(0);
    }
  });

  it('dip at lunch and tail off in the evening', () => {
    const desks = spaces.filter((s) => s.kind === 'office' || s.kind === 'open-plan');
    const morning = weekdayMean(10.5, desks);
    expect(weekdayMean(12.5, desks)).toBeLessThan(0.85 * morning);
    expect(weekdayMean(18, desks)).toBeLessThan(0.5 * morning);
    expect(weekdayMean(7, desks)).toBe(0);
  });

  it('book meeting rooms in half-hour blocks, within the room capacity', () => {
    const rooms = spaces.filter((s) => s.kind === 'meeting');
    let booked = 0;
    for (const room of rooms) {
      for (let d = 0; d < 5; d++) {
        const bookings = meetingBookings(seed, room, MONDAY + d);
        booked += bookings.length;
        for (const b of bookings) {
          expect((b.start * 2) % 1).toBe(0);
          expect((b.end * 2) % 1).toBe(0);
          expect(b.end).toBeGreaterThan(b.start);
          expect(b.start).toBeGreaterThanOrEqual(8);
          expect(b.end).toBeLessThanOrEqual(18);
          expect(b.attendees).toBeGreaterThanOrEqual(2);
          expect(b.attendees).toBeLessThanOrEqual(room.capacity);
          // Full for the middle of the meeting, empty once it is over and before the next one.
          expect(occupants(seed, room, at(MONDAY + d, (b.start + b.end) / 2))).toBe(b.attendees);
        }
        for (let i = 1; i < bookings.length; i++) expect(bookings[i]!.start).toBeGreaterThanOrEqual(bookings[i - 1]!.end);
      }
    }
    expect(booked).toBeGreaterThan(rooms.length * 5 * 2);
  });

  it('are repeatable for a seed and differ for another', () => {
    const model = new OccupancyModel(seed);
    // Building occupancy every half hour of a working week.
    const week = (count: (space: OccupiedSpace, t: LocalTime) => number) =>
      Array.from({ length: 5 * 48 }, (_, i) => spaces.reduce((sum, space) => sum + count(space, at(MONDAY + Math.floor(i / 48), (i % 48) / 2)), 0));
    const plain = week((space, t) => occupants(seed, space, t));
    expect(week((space, t) => model.count(space, t))).toEqual(plain);
    expect(week((space, t) => occupants(seed + 1, space, t))).not.toEqual(plain);
  });
});
