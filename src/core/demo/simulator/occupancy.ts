import type { SpaceKind } from '../building';
import { isWeekday, type LocalTime } from './local-time';
import { hash, randomSequence, uniform } from './random';

/** What the schedules need to know of a space. */
export interface OccupiedSpace {
  kind: SpaceKind;
  capacity: number;
  /** A number that tells spaces apart in the hashes (e.g. hashString(space id)). */
  hashKey: number;
}

/** Hash channels, so each decision draws from its own stream. */
const CH_ATTENDS = 11;
const CH_ARRIVES = 12;
const CH_LEAVES = 13;
const CH_LUNCH_START = 14;
const CH_LUNCH_LENGTH = 15;
const CH_AWAY = 16;
const CH_PASSERS = 17;
const CH_VISIT = 18;

/** Share of desks used on a working day (the rest work elsewhere). */
const ATTENDANCE: Partial<Record<SpaceKind, number>> = { office: 0.8, 'open-plan': 0.7 };
/** Chance that someone at work is away from the desk in a quarter hour (a meeting, a coffee). */
const AWAY_PER_QUARTER = 0.12;

const BOOKING_FIRST_HOUR = 8;
const BOOKING_BLOCKS = 20;
const BOOKING_BLOCK_H = 0.5;

export interface Booking {
  /** Local hours. */
  start: number;
  end: number;
  attendees: number;
}

/** A meeting room's bookings for a day: half-hour blocks from 08:00, meetings of 30 to 90 minutes. */
export function meetingBookings(seed: number, space: OccupiedSpace, day: number): Booking[] {
  const next = randomSequence(hash(seed, space.hashKey, day));
  const out: Booking[] = [];
  for (let block = 0; block < BOOKING_BLOCKS; ) {
    const start = BOOKING_FIRST_HOUR + block * BOOKING_BLOCK_H;
    const chance = start >= 12 && start < 13.5 ? 0.2 : 0.5;
    if (next() < chance) {
      const length = Math.min(1 + Math.floor(next() * 3), BOOKING_BLOCKS - block);
      const attendees = 2 + Math.floor(next() * Math.max(1, space.capacity - 1));
      out.push({ start, end: start + length * BOOKING_BLOCK_H, attendees: Math.min(attendees, space.capacity) });
      block += length;
    } else {
      block++;
    }
  }
  return out;
}

/** Desk workers: each arrives, lunches and leaves at their own time, and steps away now and then. */
function deskWorkers(seed: number, space: OccupiedSpace, t: LocalTime): number {
  const attendance = ATTENDANCE[space.kind] ?? 0;
  const quarter = Math.floor(t.hour * 4);
  let present = 0;
  for (let p = 0; p < space.capacity; p++) {
    const key = [seed, space.hashKey, p, t.day];
    if (uniform(...key, CH_ATTENDS) >= attendance) continue;
    const arrives = 7.5 + 2 * uniform(...key, CH_ARRIVES);
    const leaves = 16.5 + 2 * uniform(...key, CH_LEAVES);
    if (t.hour < arrives || t.hour >= leaves) continue;
    const lunch = 11.75 + 1.25 * uniform(...key, CH_LUNCH_START);
    if (t.hour >= lunch && t.hour < lunch + 0.5 + 0.5 * uniform(...key, CH_LUNCH_LENGTH)) continue;
    if (uniform(...key, CH_AWAY, quarter) < AWAY_PER_QUARTER) continue;
    present++;
  }
  return present;
}

/** People passing through: a few all day, more at arrival, lunch and home time. */
function passers(seed: number, space: OccupiedSpace, t: LocalTime, base: number, peak: number): number {
  if (t.hour < 7 || t.hour >= 19) return 0;
  const rush = [8.5, 12.5, 17.5].reduce((s, c) => s + Math.exp(-(((t.hour - c) / 0.6) ** 2)), 0);
  const expected = base + peak * rush;
  const fiveMinutes = Math.floor(t.minute / 5);
  const count = Math.floor(expected * 2 * uniform(seed, space.hashKey, CH_PASSERS, t.day, fiveMinutes) + 0.5);
  return Math.min(count, space.capacity);
}

/** A technician looks in now and then on a working day. */
function visits(seed: number, space: OccupiedSpace, t: LocalTime): number {
  if (t.hour < 9 || t.hour >= 16) return 0;
  const hourOfDay = Math.floor(t.hour);
  const visited = uniform(seed, space.hashKey, CH_VISIT, t.day, hourOfDay) < 0.08;
  return visited && t.minute % 60 < 40 ? Math.min(1, space.capacity) : 0;
}

/** People in a space at a local time: empty at night and at weekends. */
export function occupants(seed: number, space: OccupiedSpace, t: LocalTime, bookings?: Booking[]): number {
  if (!isWeekday(t) || space.capacity === 0) return 0;
  switch (space.kind) {
    case 'office':
    case 'open-plan':
      return deskWorkers(seed, space, t);
    case 'meeting': {
      // People drift in during the first minutes and leave a little before the end.
      const booking = (bookings ?? meetingBookings(seed, space, t.day)).find((b) => t.hour >= b.start + 0.03 && t.hour < b.end - 0.05);
      return booking?.attendees ?? 0;
    }
    case 'lobby':
      return passers(seed, space, t, 1, 4);
    case 'corridor':
      return passers(seed, space, t, 0.5, 2);
    case 'server':
    case 'plant':
      return visits(seed, space, t);
    case 'roof':
      return 0;
  }
}

/** Occupancy for many spaces, keeping each meeting room's bookings for the day. */
export class OccupancyModel {
  private readonly bookings = new Map<number, { day: number; list: Booking[] }>();

  constructor(readonly seed: number) {}

  count(space: OccupiedSpace, t: LocalTime): number {
    if (space.kind !== 'meeting') return occupants(this.seed, space, t);
    let cached = this.bookings.get(space.hashKey);
    if (cached?.day !== t.day) {
      cached = { day: t.day, list: meetingBookings(this.seed, space, t.day) };
      this.bookings.set(space.hashKey, cached);
    }
    return occupants(this.seed, space, t, cached.list);
  }
}
