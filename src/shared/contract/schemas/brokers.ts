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
    clientId: z.string().min(1).max(128).optional(),
    keepaliveS: z.number().int().min(5).max(3600).default(30),
    qos: z.union([z.literal(0), z.literal(1)]).default(1),
    mappings: z.array(JsonMapping).default([]),
    enabled: z.boolean().default(true),
  })
  .strict();
export type BrokerConfig = z.infer<typeof BrokerConfig>;
