import fs from 'node:fs';
import { z } from 'zod';
import { BrokerConfig } from '../shared/contract/schemas/brokers';
import { RetentionConfig } from '../shared/contract/schemas/storage';
import { describeIssues } from '../shared/errors';

export const CoreConfig = z
  .object({
    /** Where the site's database, token and certificates live. */
    dataDir: z.string().min(1),
    site: z.object({ name: z.string().min(1).default('Demo HQ') }).strict().default({ name: 'Demo HQ' }),
    /** The embedded broker and simulated building; on when no broker is configured. */
    demo: z
      .object({
        enabled: z.boolean().optional(),
        /** Simulated seconds per real second. */
        speed: z.number().min(0.1).max(3600).default(1),
        /** Seconds between two publications of a room's readings. */
        publishIntervalS: z.number().min(0.1).max(600).default(2),
      })
      .strict()
      .default({ speed: 1, publishIntervalS: 2 }),
    brokers: z.array(BrokerConfig).default([]),
    ingest: z
      .object({
        /** A batch is committed after this long, or when it holds `batchSize` samples. */
        batchMs: z.number().int().min(1).max(1000).default(10),
        batchSize: z.number().int().min(1).max(100_000).default(10_000),
        /**
         * Samples held while the database refuses them (disk full, locked), retried until it takes them.
         * Past this, messages are dropped and counted: QoS 0 ones are lost, QoS 1 ones are redelivered.
         */
        maxQueued: z.number().int().min(1000).max(10_000_000).default(250_000),
      })
      .strict()
      .default({ batchMs: 10, batchSize: 10_000, maxQueued: 250_000 }),
    storage: z
      .object({
        /** Days each point kind keeps its raw samples and rollups; what is left out keeps its default. */
        retention: RetentionConfig,
        /** Minutes between two retention sweeps. */
        sweepIntervalMin: z.number().int().min(1).max(10_080).default(60),
      })
      .strict()
      .prefault({}),
    /** better-sqlite3 binary for a runtime other than this Node (set by the desktop app). */
    sqliteBinding: z.string().optional(),
  })
  .strict();
export type CoreConfig = z.infer<typeof CoreConfig>;
export type CoreConfigInput = z.input<typeof CoreConfig>;

export function parseConfig(input: unknown, source = 'configuration'): CoreConfig {
  const parsed = CoreConfig.safeParse(input);
  if (!parsed.success) throw new Error(`${source} is invalid: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/**
 * Reads a JSON configuration file; the data dir given on the command line wins over the file's.
 * `defaults` fill what the file leaves out (the platform's default data dir).
 */
export function loadConfigFile(file: string, overrides: Partial<CoreConfigInput>, defaults: Partial<CoreConfigInput> = {}): CoreConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the configuration file ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`the configuration file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`the configuration file ${file} must hold a JSON object`);
  }
  return parseConfig({ ...defaults, ...json, ...overrides }, `the configuration file ${file}`);
}

export function demoEnabled(config: CoreConfig): boolean {
  return config.demo.enabled ?? config.brokers.length === 0;
}
