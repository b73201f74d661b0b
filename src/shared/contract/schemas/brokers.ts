import { z } from 'zod';
import { keyTemplateProblem, parseTopicTemplate } from '../../topic-template';
import { EpochMs } from './common';
import { PointKind, SampleValue, ValueType } from './points';
import { BrokerLinkHealth } from './system';

/** A mapping takes one value per message (`value`), or one point per key of a JSON object (`keys`). */
export const MappingPoints = z.enum(['value', 'keys']);

const keyTemplate = z.string().min(1).max(200);

/**
 * How JSON devices map onto points: a topic template whose `{name}` parts capture
 * levels of the topic, and templates built from those parts for the device and point keys.
 */
export const JsonMapping = z
  .object({
    /** e.g. `arxos/{site}/{building}/{floor}/{room}/{device}/{point}` */
    topic: z.string().max(500),
    /** Device key built from the captured parts; default `{device}`. */
    device: keyTemplate.default('{device}'),
    /** Point name built from the captured parts; default `{point}`. With `points: "keys"`, `{point}` is the payload's key. */
    point: keyTemplate.default('{point}'),
    /** Space (room) the device serves, built from the captured parts. */
    space: keyTemplate.optional(),
    /** Dotted path to the value in the payload; empty when the payload is the value itself. */
    valuePath: z.string().max(200).default('value'),
    timestampPath: z.string().max(200).default('ts'),
    unitPath: z.string().max(200).default('unit'),
    /**
     * `keys`: the payload is an object of several points, e.g. `{"temperature": 21.3, "humidity": 40}`;
     * each key is a point (its value read like a single payload), the timestamp and unit keys excepted.
     */
    points: MappingPoints.optional(),
    /** Keys of the payload object that are not points (with `points: "keys"`). */
    ignoreKeys: z.array(z.string().min(1).max(200)).max(100).optional(),
    /** Stored value = raw × scale + offset; a numeric string is read as its number. */
    scale: z.number().finite().refine((n) => n !== 0, 'a scale of 0 would store only the offset').optional(),
    offset: z.number().finite().optional(),
    /** The unit of the points, over any the payload carries. */
    unit: z.string().min(1).max(40).optional(),
    /** Unit per payload key (with `points: "keys"`), over `unit`. */
    units: z.record(z.string().min(1).max(200), z.string().min(1).max(40)).optional(),
    /** Kind and tags of the points this mapping creates (a profile or a manual registration may say otherwise). */
    kind: PointKind.optional(),
    tags: z.array(z.string().min(1).max(64)).max(32).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const parsed = parseTopicTemplate(m.topic);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', path: ['topic'], message: parsed.error });
      return;
    }
    const keys = m.points === 'keys';
    const captured = new Set(parsed.levels.flatMap((l) => ('capture' in l ? [l.capture] : [])));
    if (keys && captured.has('point')) {
      ctx.addIssue({ code: 'custom', path: ['topic'], message: 'with points "keys", {point} is the payload’s key: the topic must not capture it' });
    }
    const check = (field: 'device' | 'point' | 'space', names: ReadonlySet<string>) => {
      const template = m[field];
      const problem = template === undefined ? null : keyTemplateProblem(template, names);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: [field], message: problem });
    };
    check('device', captured);
    check('space', captured);
    check('point', keys ? new Set([...captured, 'point']) : captured);
    if (!keys) {
      for (const field of ['ignoreKeys', 'units'] as const) {
        if (m[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'applies only with points "keys"' });
      }
    }
  });
export type JsonMapping = z.infer<typeof JsonMapping>;
export type JsonMappingInput = z.input<typeof JsonMapping>;

/**
 * Defaults of the link settings that a configuration may leave out. They are applied by the link,
 * not by the schema, so that a BrokerConfig written in code (the demo's) stays valid without them.
 */
export const brokerDefaults = {
  /** MQTT 5; 4 is MQTT 3.1.1. */
  protocolVersion: 5,
  /** A week: the broker keeps the session, and the QoS 1 messages for it, while the app is down. */
  sessionExpiryS: 7 * 24 * 3600,
  backoff: { initialMs: 1000, maxMs: 60_000 },
} as const;

const filePath = z.string().min(1);

/**
 * TLS for mqtts:// and wss://. Files are read when the link connects (a renewed certificate is picked
 * up on the next reconnect); a missing file is reported then, not when the configuration is parsed.
 * Without `caFile` the broker's certificate is checked against the system trust store.
 */
export const BrokerTls = z
  .object({
    caFile: filePath.optional(),
    /** Client certificate and key, for brokers that require one (mutual TLS). */
    certFile: filePath.optional(),
    keyFile: filePath.optional(),
    /** Off only for a test bench: the link would then trust any certificate. */
    rejectUnauthorized: z.boolean().default(true),
    /** The name the broker's certificate must carry, when it differs from the URL's host. */
    serverName: z.string().min(1).optional(),
  })
  .strict()
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), {
    message: 'a client certificate needs its key file, and a key file its certificate',
    path: ['keyFile'],
  });
export type BrokerTls = z.infer<typeof BrokerTls>;

export const BrokerBackoff = z
  .object({
    /** Longest wait before the first retry; each failure doubles it up to `maxMs`. */
    initialMs: z.number().int().min(10).max(600_000).default(brokerDefaults.backoff.initialMs),
    maxMs: z.number().int().min(10).max(3_600_000).default(brokerDefaults.backoff.maxMs),
  })
  .strict()
  .refine((b) => b.initialMs <= b.maxMs, { message: 'initialMs must not exceed maxMs', path: ['initialMs'] });
export type BrokerBackoff = z.infer<typeof BrokerBackoff>;

/**
 * Sparkplug B on a link: it subscribes `spBv1.0/<group>/#` for each group (every group when left out),
 * tracks each edge node's session and asks for a rebirth when it misses one. Not meant for a link in a
 * `sharedGroup`: a host that sees only part of a node's messages would take every gap for a lost one.
 */
export const SparkplugSettings = z
  .object({
    groups: z
      .array(z.string().min(1).max(64).regex(/^[^/+#]+$/, 'a group id without /, + or #'))
      .min(1)
      .max(100)
      .optional(),
    /**
     * Announce this link as Sparkplug host application `hostId` (retained STATE birth, will when it is
     * lost): edge nodes with it as primary host wait for it and send their births when it comes up.
     */
    hostId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^/+#]+$/, 'a host id without /, + or #')
      .optional(),
  })
  .strict();
export type SparkplugSettings = z.infer<typeof SparkplugSettings>;

/** The fields of a broker link; BrokerConfig and the save input add their checks to them. */
const brokerShape = {
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _'),
    name: z.string().min(1).max(120),
    url: z
      .string()
      .refine((u) => /^(mqtts?|wss?):\/\/[^/]+/.test(u), 'an mqtt://, mqtts://, ws:// or wss:// URL'),
    username: z.string().optional(),
    password: z.string().optional(),
    /** Left out: derived from the installation and the link id, stable across restarts. */
    clientId: z.string().min(1).max(128).optional(),
    keepaliveS: z.number().int().min(5).max(3600).default(30),
    qos: z.union([z.literal(0), z.literal(1)]).default(1),
    /** 5 (MQTT 5, the default) or 4 (MQTT 3.1.1). */
    protocolVersion: z.union([z.literal(4), z.literal(5)]).optional(),
    /** MQTT 5 session expiry: how long the broker keeps the session while the link is down. */
    sessionExpiryS: z.number().int().min(0).max(0xffff_ffff).optional(),
    tls: BrokerTls.optional(),
    /** Subscribe as `$share/<group>/<filter>`: hosts in the same group split the broker's messages. */
    sharedGroup: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^/+#]+$/, 'a name without /, + or #')
      .optional(),
    backoff: BrokerBackoff.optional(),
    mappings: z.array(JsonMapping).default([]),
    sparkplug: SparkplugSettings.optional(),
    enabled: z.boolean().default(true),
};

const tlsNeedsSecureUrl = (c: { tls?: unknown; url: string }, ctx: z.RefinementCtx): void => {
  if (c.tls !== undefined && !/^(mqtts|wss):/.test(c.url)) {
    ctx.addIssue({ code: 'custom', path: ['tls'], message: 'TLS settings need an mqtts:// or wss:// URL' });
  }
};

export const BrokerConfig = z.object(brokerShape).strict().superRefine(tlsNeedsSecureUrl);
export type BrokerConfig = z.infer<typeof BrokerConfig>;
export type BrokerConfigInput = z.input<typeof BrokerConfig>;

/** True when the URL carries a user name or password, which belong in their own fields. */
export function urlHasCredentials(url: string): boolean {
  return /^[a-z]+:\/\/[^/?#]*@/i.test(url);
}

/**
 * What `brokers.save` and the settings form take: a broker link's settings, where the password
 * left out keeps the stored one, and `null` (or an empty string) removes it.
 */
export const BrokerSaveInput = z
  .object({ ...brokerShape, password: z.string().max(1024).nullable().optional() })
  .strict()
  .superRefine((c, ctx) => {
    tlsNeedsSecureUrl(c, ctx);
    if (urlHasCredentials(c.url)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'put the user name and password in their own fields, not in the URL' });
    }
  });
export type BrokerSaveInput = z.input<typeof BrokerSaveInput>;

/** Where a link's settings come from: the configuration file, the database (editable), or the demo site. */
export const BrokerSource = z.enum(['file', 'saved', 'embedded']);
export type BrokerSource = z.infer<typeof BrokerSource>;

const { password: _password, ...publicShape } = brokerShape;

/** A link's settings as answered to clients: never the password, only whether one is set. */
export const BrokerSettingsView = z.object({ ...publicShape, hasPassword: z.boolean() });

export const BrokerEntry = z.object({
  source: BrokerSource,
  /** False for links from the configuration file or the demo site: they are changed there. */
  editable: z.boolean(),
  settings: BrokerSettingsView,
  /** The running link; null while it is disabled or cannot start. */
  link: BrokerLinkHealth.nullable(),
  /** Why the link does not run, in words, when it does not. */
  problem: z.string().nullable(),
});
export type BrokerEntry = z.infer<typeof BrokerEntry>;

export const BrokersListOutput = z.object({ brokers: z.array(BrokerEntry) });

const BrokerId = brokerShape.id;
export const BrokerIdInput = z.object({ id: BrokerId }).strict();

export const BrokerTestInput = z
  .object({
    /** Test a broker as saved (or configured). */
    id: BrokerId.optional(),
    /** Test settings before saving them; a left-out password is taken from the saved broker with the same id. */
    settings: BrokerSaveInput.optional(),
  })
  .strict()
  .refine((q) => (q.id === undefined) !== (q.settings === undefined), { message: 'give either id or settings', path: ['id'] });

/** Enough for any payload the ingest path accepts (it refuses more than 256 KiB). */
const MAX_PREVIEW_PAYLOAD = 256 * 1024;

export const MappingPreviewInput = z
  .object({
    mapping: JsonMapping,
    topic: z.string().min(1).max(65_535),
    payload: z.string().max(MAX_PREVIEW_PAYLOAD * 2),
    /** `base64` for a binary payload; the text is taken as UTF-8 otherwise. */
    encoding: z.enum(['utf8', 'base64']).default('utf8'),
  })
  .strict();

export const MappingPreviewReading = z.object({
  /** The point key the reading would be stored under. */
  pointKey: z.string(),
  name: z.string(),
  value: SampleValue,
  /** How the value would be stored when the point is new: a numeric string is stored as its number. */
  valueType: ValueType,
  unit: z.string().nullable(),
  /** The payload's time; null when it carries none and the time of arrival is used. */
  ts: EpochMs.nullable(),
  kind: PointKind,
  tags: z.array(z.string()),
});

export const MappingPreviewOutput = z.object({
  /** The MQTT filter the link subscribes to for this mapping. */
  filter: z.string(),
  /** False when the topic does not fit the template; nothing else is then filled. */
  matched: z.boolean(),
  captures: z.record(z.string(), z.string()),
  deviceKey: z.string().nullable(),
  spaceId: z.string().nullable(),
  readings: z.array(MappingPreviewReading),
  /** Why the message would be refused (dead-lettered), in words. */
  error: z.object({ reason: z.string(), message: z.string() }).nullable(),
});
export type MappingPreviewOutput = z.infer<typeof MappingPreviewOutput>;

/** The stages `brokers.test` goes through, in order; it stops at the first that fails. */
export const BrokerTestStepName = z.enum(['settings', 'resolve', 'connect', 'tls', 'mqtt', 'subscribe']);

export const BrokerTestStep = z.object({
  step: BrokerTestStepName,
  ok: z.boolean(),
  /** What happened, in words: what was reached, or what failed and what to change. */
  message: z.string(),
  ms: z.number(),
});
export type BrokerTestStep = z.infer<typeof BrokerTestStep>;

export const BrokerTestResult = z.object({
  ok: z.boolean(),
  /** The outcome in one sentence: the failing step's message, or what was reached. */
  message: z.string(),
  steps: z.array(BrokerTestStep),
});
export type BrokerTestResult = z.infer<typeof BrokerTestResult>;
