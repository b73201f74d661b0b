import { z } from 'zod';

/**
 * How JSON devices map onto points: a topic template whose `{name}` parts capture
 * levels of the topic, and templates built from those parts for the device and point keys.
 */
export const JsonMapping = z
  .object({
    /** e.g. `arxos/{site}/{building}/{floor}/{room}/{device}/{point}` */
    topic: z
      .string()
      .min(1)
      .refine((t) => !/[+#]/.test(t), 'use {name} parts, not MQTT wildcards'),
    /** Device key built from the captured parts; default `{device}`. */
    device: z.string().min(1).default('{device}'),
    /** Point name built from the captured parts; default `{point}`. */
    point: z.string().min(1).default('{point}'),
    /** Space (room) the device serves, built from the captured parts. */
    space: z.string().min(1).optional(),
    /** Dotted path to the value in the payload; empty when the payload is the value itself. */
    valuePath: z.string().default('value'),
    timestampPath: z.string().default('ts'),
    unitPath: z.string().default('unit'),
  })
  .strict();
export type JsonMapping = z.infer<typeof JsonMapping>;

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

export const BrokerConfig = z
  .object({
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
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((c) => c.tls === undefined || /^(mqtts|wss):/.test(c.url), {
    message: 'TLS settings need an mqtts:// or wss:// URL',
    path: ['tls'],
  });
export type BrokerConfig = z.infer<typeof BrokerConfig>;
export type BrokerConfigInput = z.input<typeof BrokerConfig>;

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
