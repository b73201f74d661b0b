/** Wall-clock time at the site, which schedules follow (daylight saving included). */
export interface LocalTime {
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  /** Hours since local midnight, fractional. */
  hour: number;
  /** Local calendar date as days since 1970-01-01. */
  day: number;
  /** Whole minutes since local midnight. */
  minute: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Converts instants to a time zone's wall clock. The zone's offset is looked up once per
 * UTC hour (offsets change on the hour), since Intl formatting is slow on a hot path.
 */
export class LocalClock {
  private readonly format: Intl.DateTimeFormat;
  private cachedHour = Number.NaN;
  private cachedOffsetMs = 0;

  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone "${timeZone}"`);
    }
  }

  /** Milliseconds to add to UTC to read the zone's wall clock at this instant. */
  private offsetMs(tMs: number): number {
    const hourKey = Math.floor(tMs / HOUR_MS);
    if (hourKey !== this.cachedHour) {
      const at = hourKey * HOUR_MS;
      const parts: Record<string, number> = {};
      for (const p of this.format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      this.cachedHour = hourKey;
      this.cachedOffsetMs = wall - at;
    }
    return this.cachedOffsetMs;
  }

  at(tMs: number): LocalTime {
    const wall = tMs + this.offsetMs(tMs);
    const day = Math.floor(wall / DAY_MS);
    const msOfDay = wall - day * DAY_MS;
    return {
      // 1970-01-01 was a Thursday.
      weekday: (((day + 4) % 7) + 7) % 7,
      hour: msOfDay / HOUR_MS,
      day,
      minute: Math.floor(msOfDay / 60_000),
    };
  }
}

export function isWeekday(t: LocalTime): boolean {
  return t.weekday >= 1 && t.weekday <= 5;
}
