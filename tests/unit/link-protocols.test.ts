import path from 'node:path';
import sparkplug from 'sparkplug-payload';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import type { DecodeSink, Outbound } from '../../src/core/iot/protocols/protocol';
import { LinkProtocols } from '../../src/core/iot/protocols/link-protocols';
import { Registry } from '../../src/core/model/registry';
import { BrokerConfig, JsonMapping } from '../../src/shared/contract/schemas/brokers';
import { tempDir } from '../helpers/temp-dir';

const spb = sparkplug.get('spBv1.0')!;
let db: Db;
let registry: Registry;

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'site.db'));
  registry = new Registry(db);
});
afterEach(() => db.close());

/** What a decode put into the sink, in order. */
function recordingSink() {
  const got: string[] = [];
  const sink: DecodeSink = {
    reading: (point, reading) => got.push(`reading ${point.key}=${String(reading.value)}`),
    status: (deviceId, online) => got.push(`status ${deviceId} ${online ? 'online' : 'offline'}`),
    skip: (reason) => got.push(`skip ${reason}`),
    refuse: (reason) => got.push(`refuse ${reason}`),
  };
  return { got, sink };
}

const link = (sparkplugSettings?: { hostId?: string }) =>
  BrokerConfig.parse({
    id: 'site',
    name: 'site',
    url: 'mqtt://127.0.0.1:1',
    mappings: [JsonMapping.parse({ topic: 'bldg/{device}/{point}' })],
    ...(sparkplugSettings === undefined ? {} : { sparkplug: sparkplugSettings }),
  });

describe("a link's protocols as one", () => {
  it('subscribes the filters of every protocol and routes each topic to the protocol that claims it', () => {
    const published: Outbound[] = [];
    const p = new LinkProtocols(link({}), registry, { publish: (m) => (published.push(m), true) });
    expect(p.filters).toEqual(expect.arrayContaining(['bldg/+/+', expect.stringMatching(/^spBv1\.0\//)]));
    const { got, sink } = recordingSink();
    p.decode('bldg/ahu1/supplyTemp', Buffer.from('{"value":14.5}'), 1000, sink);
    expect(got).toEqual(['reading ahu1/supplyTemp=14.5']);
    // A Sparkplug topic goes to the Sparkplug protocol, never to the JSON mappings.
    const { got: sp, sink: spSink } = recordingSink();
    p.decode('spBv1.0/plant/NDATA/edge1', Buffer.from(spb.encodePayload({ timestamp: 1000, seq: 0, metrics: [{ name: 'x', type: 'Float', value: 1 }] })), 1000, spSink);
    expect(sp).toEqual(['skip no-birth']);
    // Data before a birth: the Sparkplug protocol asks the edge node for a rebirth on the link it was given.
    expect(published.map((m) => m.topic)).toEqual(['spBv1.0/plant/NCMD/edge1']);
    // The JSON mappings take every other topic, so a topic no mapping fits is refused, never lost unseen.
    const { got: other, sink: otherSink } = recordingSink();
    p.decode('other/topic', Buffer.from('{"value":1}'), 1000, otherSink);
    expect(other).toEqual([expect.stringMatching(/^refuse /)]);
  });

  it('without Sparkplug only the JSON mappings are subscribed, and a JSON link has no will or birth', () => {
    const p = new LinkProtocols(link(), registry, { publish: () => true });
    expect(p.filters).toEqual(['bldg/+/+']);
    const { got, sink } = recordingSink();
    p.decode('spBv1.0/plant/NDATA/edge1', Buffer.from('x'), 1000, sink);
    expect(got).toEqual([expect.stringMatching(/^refuse /)]);
    expect(p.will(1)).toBeUndefined();
    expect(p.birth(1)).toBeUndefined();
  });

  it('a Sparkplug host gives the will, birth and farewell of the link: its STATE topic, retained', () => {
    const p = new LinkProtocols(link({ hostId: 'scada1' }), registry, { publish: () => true });
    const will = p.will(1234)!;
    const birth = p.birth(1234)!;
    expect(will.topic).toBe('spBv1.0/STATE/scada1');
    expect(birth.topic).toBe('spBv1.0/STATE/scada1');
    expect(will.retain && birth.retain).toBe(true);
    expect(JSON.parse(birth.payload.toString())).toMatchObject({ online: true, timestamp: 1234 });
    expect(JSON.parse(will.payload.toString())).toMatchObject({ online: false, timestamp: 1234 });
    expect(JSON.parse(p.farewell(1234)!.payload.toString())).toMatchObject({ online: false });
  });
});
