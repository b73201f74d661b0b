import { QualityLimits } from '../../shared/contract/schemas/devices';
import type { Db } from './database';

export interface ProfileRow {
  deviceId: number;
  profile: string;
  expectedIntervalS: number | null;
}

export interface LimitsRow {
  pointId: number;
  /** Null when the stored JSON no longer parses as limits (then the row is left as it is). */
  limits: QualityLimits | null;
  raw: string;
}

/** The `device_profiles` and `point_limits` tables: profile registrations and per-point limit overrides. */
export class DeviceProfileTable {
  private readonly upsertProfile;
  private readonly upsertLimits;
  private readonly deleteLimits;

  constructor(private readonly db: Db) {
    this.upsertProfile = db.prepare(`
      INSERT INTO device_profiles (device_id, profile, expected_interval_s, registered_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (device_id) DO UPDATE SET profile = excluded.profile, expected_interval_s = excluded.expected_interval_s,
        registered_at = excluded.registered_at`);
    this.upsertLimits = db.prepare(`
      INSERT INTO point_limits (point_id, limits, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (point_id) DO UPDATE SET limits = excluded.limits, updated_at = excluded.updated_at`);
    this.deleteLimits = db.prepare('DELETE FROM point_limits WHERE point_id = ?');
  }

  profiles(): ProfileRow[] {
    return (
      this.db.prepare('SELECT device_id, profile, expected_interval_s FROM device_profiles').all() as {
        device_id: number;
        profile: string;
        expected_interval_s: number | null;
      }[]
    ).map((r) => ({ deviceId: r.device_id, profile: r.profile, expectedIntervalS: r.expected_interval_s }));
  }

  limits(): LimitsRow[] {
    return (this.db.prepare('SELECT point_id, limits FROM point_limits').all() as { point_id: number; limits: string }[]).map((r) => {
      let parsed: QualityLimits | null = null;
      try {
        const result = QualityLimits.safeParse(JSON.parse(r.limits));
        if (result.success) parsed = result.data;
      } catch {
        // not JSON: reported by the caller, the row is kept
      }
      return { pointId: r.point_id, limits: parsed, raw: r.limits };
    });
  }

  saveProfile(row: ProfileRow, at: number): void {
    this.upsertProfile.run(row.deviceId, row.profile, row.expectedIntervalS, at);
  }

  saveLimits(pointId: number, limits: QualityLimits | null, at: number): void {
    if (limits === null) this.deleteLimits.run(pointId);
    else this.upsertLimits.run(pointId, JSON.stringify(limits), at);
  }
}
