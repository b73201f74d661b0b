import fs from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { createCore, type Core } from '../../src/core/host';
import { ApiError, ErrorCode } from '../../src/shared/errors';
import { admin, viewer } from '../helpers/temp-core';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

let broker: EmbeddedBroker;
let device: MqttClient;
let dir: string;
let core: Core;

function startCore(): Promise<void> {
  core = createCore(
    parseConfig({
      dataDir: dir,
      demo: { enabled: false },
      brokers: [{ id: 'site', name: 'Site broker', url: broker.url, qos: 0, mappings: [{ topic: 'bldg/{device}/{point}' }] }],
    }),
  );
  return core.start();
}

beforeAll(async () => {
  broker = await startEmbeddedBroker();
  dir = tempDir();
  await startCore();
  device = await mqtt.connectAsync(broker.url);
  await waitFor(() => core.health().brokers[0]?.state === 'up', 10_000, 'the link up');
});

afterAll(async () => {
  await device.endAsync();
  await core.stop();
  await broker.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ingest.deadLetters over a real core', () => {
  it('lists refused messages newest first with their counts, filters and pages', async () => {
    for (let i = 0; i < 30; i++) await device.publishAsync(`bldg/dev${i}/temp`, `broken ${i} {`);
    // The subscription's `+` takes an empty level, the mapping's {device} does not: delivered, but matching no mapping.
    for (let i = 0; i < 5; i++) await device.publishAsync(`bldg//temp${i}`, '21');
    await device.publishAsync('bldg/ahu/temp', Buffer.from([0xff, 0x00, 0xfe]));
    await waitFor(async () => (await core.call(viewer, 'ingest.deadLetters', {})).entries.length === 36, 10_000, 'the dead letters kept');

    const all = await core.call(viewer, 'ingest.deadLetters', { limit: 10 });
    expect(all.entries).toHaveLength(10);
    expect(all.more).toBe(true);
    expect(all.entries[0]).toMatchObject({ topic: 'bldg/ahu/temp', reason: 'not-json', linkId: 'site', size: 3, raw: Buffer.from([0xff, 0x00, 0xfe]).toString('base64') });
    expect(all.counts).toEqual([
      { reason: 'not-json', sinceStart: 31, inTable: 31 },
      { reason: 'unknown-topic', sinceStart: 5, inTable: 5 },
    ]);
    expect(all.capacity).toBe(10_000);
    expect(all.unrecorded).toBe(0);
    expect(core.health().ingest.deadLettered).toEqual({ 'not-json': 31, 'unknown-topic': 5 });

    const unknown = await core.call(viewer, 'ingest.deadLetters', { reason: 'unknown-topic' });
    expect(unknown.entries.map((e) => e.topic)).toEqual([4, 3, 2, 1, 0].map((i) => `bldg//temp${i}`));
    expect((await core.call(viewer, 'ingest.deadLetters', { linkId: 'elsewhere' })).entries).toEqual([]);

    const pages: string[] = [];
    let before: number | undefined;
    do {
      const page = await core.call(viewer, 'ingest.deadLetters', { reason: 'not-json', limit: 7, ...(before ? { before } : {}) });
      pages.push(...page.entries.map((e) => e.topic));
      before = page.more ? page.entries.at(-1)!.id : undefined;
    } while (before !== undefined);
    expect(pages).toEqual(['bldg/ahu/temp', ...Array.from({ length: 30 }, (_, i) => `bldg/dev${29 - i}/temp`)]);
  });

  it('refuses a limit over 1000 and an unknown reason, naming the field', async () => {
    const fail = (params: unknown) => core.call(admin, 'ingest.deadLetters', params).then(
      () => null,
      (err: unknown) => err as ApiError,
    );
    const tooMany = await fail({ limit: 1001 });
    expect(tooMany?.code).toBe(ErrorCode.InvalidParams);
    expect(tooMany?.message).toContain('limit');
    expect((await fail({ reason: 'nope' }))?.message).toContain('reason');
  });

  it('keeps the table across a restart, while the counts since start begin again', async () => {
    await core.stop();
    await startCore();
    const after = await core.call(viewer, 'ingest.deadLetters', {});
    expect(after.entries).toHaveLength(36);
    expect(after.counts).toEqual([
      { reason: 'not-json', sinceStart: 0, inTable: 31 },
      { reason: 'unknown-topic', sinceStart: 0, inTable: 5 },
    ]);
  });
});
