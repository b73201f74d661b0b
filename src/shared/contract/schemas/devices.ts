import { z } from 'zod';
import { qualityReasons, type QualityReason } from '../../quality';
import { EpochMs, Id } from './common';
import { LatestValue, Point, PointKind, ValueType } from './points';

/**
 * Quality limits of a point. Each layer (the built-in table, the device's profile, the point's own
 * override) may set a limit, switch a check off with `null`, or leave the key out to keep the
 * layer below.
 */
export const QualityLimits = z
  .object({
    /** Physical range of the value: below `min` or above `max` is "outside the physical range" (bad). */
    min: z.number().nullable().optional(),
    max: z.number().nullable().optional(),
    /** A change faster than this (units per second) is a spike (uncertain). */
    maxRatePerS: z.number().positive().nullable().optional(),
    /** The same value for longer than this is a flatline (uncertain); for sensors only. */
    flatlineS: z.number().positive().nullable().optional(),
    /** No update for this long marks the latest value stale; left out, it follows the device's expected interval. */
    staleS: z.number().positive().nullable().optional(),
    /** A counter (energy, volume) that must never go down: a decrease is outside the physical range. */
    neverDecreases: z.boolean().optional(),
  })
  .strict()
  .refine((l) => l.min === undefined || l.min === null || l.max === undefined || l.max === null || l.min <= l.max, {
    message: 'min must not exceed max',
    path: ['min'],
  });
export type QualityLimits = z.infer<typeof QualityLimits>;

export const ProfileKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -');

/** One point of a device profile: the point is `<device key>/<name>`. */
export const ProfilePoint = z
  .object({
    name: z.string().min(1).max(120),
    kind: PointKind,
    valueType: ValueType,
    unit: z.string().min(1).nullable(),
    tags: z.array(z.string().min(1)),
    limits: QualityLimits.optional(),
  })
  .strict();
export type ProfilePoint = z.infer<typeof ProfilePoint>;

const StatusValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A point whose value says whether the device is online, such as the topic a device names as its
 * MQTT last will (`{"value": "offline"}`) or an availability topic.
 */
export const StatusRule = z
  .object({
    point: z.string().min(1),
    online: z.array(StatusValue).min(1),
    offline: z.array(StatusValue).min(1),
  })
  .strict();
export type StatusRule = z.infer<typeof StatusRule>;

/** A template of a device: its points with units, kinds, tags and limits, and how often it reports. */
export const DeviceProfile = z
  .object({
    id: ProfileKey,
    name: z.string().min(1),
    description: z.string(),
    /** How often the device publishes; null when it only reports on change. */
    expectedIntervalS: z.number().positive().nullable(),
    /** The device is offline after this many expected intervals without a message. */
    heartbeatMissed: z.number().int().min(1).max(1000),
    status: StatusRule.nullable(),
    points: z.array(ProfilePoint).min(1),
  })
  .strict();
export type DeviceProfile = z.infer<typeof DeviceProfile>;

export const QualityLevelName = z.enum(['good', 'uncertain', 'bad']);
export const QualityReasonName = z.enum(Object.keys(qualityReasons) as [QualityReason, ...QualityReason[]]);

/** Samples received over the recent window, by quality, with the reasons seen most often first. */
export const QualitySummary = z.object({
  windowS: z.number().int().positive(),
  good: z.number().int().min(0),
  uncertain: z.number().int().min(0),
  bad: z.number().int().min(0),
  reasons: z.array(z.object({ reason: QualityReasonName, count: z.number().int().min(0) })),
});
export type QualitySummary = z.infer<typeof QualitySummary>;

/** A battery or signal reading the device reports as one of its points. */
export const DeviceReading = z.object({
  point: Id,
  value: z.number(),
  unit: z.string().nullable(),
  ts: EpochMs,
});

export const Device = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  spaceId: z.string().nullable(),
  /** The profile the device was registered with or matched to; null when none applies. */
  profile: z.string().nullable(),
  profileSource: z.enum(['registered', 'matched']).nullable(),
  online: z.boolean(),
  /** Why it is (off)line: `message`, `birth`, `death`, `status`, `heartbeat timeout`, `not heard since start`... */
  reason: z.string(),
  /** The same in a sentence, for the operator. */
  reasonText: z.string(),
  /** When the online state last changed. */
  since: EpochMs,
  /** Receipt time of its last message; after a restart, the time of its newest stored value until it speaks again. */
  lastSeen: EpochMs.nullable(),
  /** Messages per minute over the last minute. */
  ratePerMin: z.number().min(0),
  /** The interval the heartbeat is judged against: the registration's, the profile's, or learned from traffic. */
  expectedIntervalS: z.number().positive().nullable(),
  quality: QualitySummary,
  /** Worst quality among the latest values of its points; null before any value. */
  qualityNow: QualityLevelName.nullable(),
  battery: DeviceReading.nullable(),
  signal: DeviceReading.nullable(),
  pointCount: z.number().int().min(0),
});
export type Device = z.infer<typeof Device>;

export const DevicesListInput = z
  .object({
    /** Case-insensitive match on key, name, space or profile. */
    text: z.string().max(200).optional(),
    online: z.boolean().optional(),
    spaceId: z.string().min(1).optional(),
    /** A profile id, or `none` for devices without one. */
    profile: z.string().min(1).max(64).optional(),
    /** Devices whose worst latest value has this quality. */
    quality: QualityLevelName.optional(),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .strict()
  .optional()
  .default({ limit: 10_000 });

export const DevicesListOutput = z.object({ devices: z.array(Device), total: z.number().int() });

export const DevicesGetInput = z
  .object({ id: Id.optional(), key: z.string().min(1).optional() })
  .strict()
  .refine((q) => (q.id === undefined) !== (q.key === undefined), { message: 'give either id or key' });

export const DevicePoint = z.object({
  point: Point,
  latest: LatestValue.nullable(),
  quality: QualitySummary,
  /** The limits in force: the built-in table, overridden by the profile, then by the point's own. */
  limits: QualityLimits,
  /** The point's own override, when it has one. */
  override: QualityLimits.nullable(),
});

export const DevicesGetOutput = z.object({
  device: Device,
  profile: DeviceProfile.nullable(),
  points: z.array(DevicePoint),
});

export const DevicesRegisterInput = z
  .object({
    /** The device key; its points are `<key>/<point name>`. */
    key: z
      .string()
      .min(1)
      .max(400)
      .refine((k) => !/^\/|\/$|\/\/|\s/.test(k), 'a path of non-empty parts without spaces, e.g. hq/f1/r101/sensor'),
    name: z.string().min(1).max(200),
    profile: ProfileKey,
    space: z.string().min(1).max(400).nullable().optional(),
    /** Overrides the profile's publish interval for this device. */
    expectedIntervalS: z.number().positive().max(7 * 86_400).nullable().optional(),
  })
  .strict();

export const DevicesProfilesOutput = z.object({ profiles: z.array(DeviceProfile) });

export const DevicesSetLimitsInput = z
  .object({
    point: Id,
    /** The point's own limits; null removes the override. */
    limits: QualityLimits.nullable(),
  })
  .strict();

export const DevicesSetLimitsOutput = z.object({ point: Id, limits: QualityLimits, override: QualityLimits.nullable() });

export const DevicesChanged = z.object({ devices: z.array(Device) });
