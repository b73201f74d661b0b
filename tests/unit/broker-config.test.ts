import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../../src/shared/contract/schemas/brokers';

const base = { id: 'site', name: 'Site broker', url: 'mqtt://broker.local:1883' };

function issues(input: unknown): string[] {
  const r = BrokerConfig.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('BrokerConfig', () => {
  it('keeps a configuration written before the TLS and session settings valid, with the old defaults', () => {
    expect(BrokerConfig.parse(base)).toEqual({ ...base, keepaliveS: 30, qos: 1, mappings: [], enabled: true });
  });

  it('takes TLS files, MQTT 3.1.1, a session expiry, a shared group and a backoff', () => {
    const c = BrokerConfig.parse({
      ...base,
      url: 'mqtts://broker.local:8883',
      tls: { caFile: 'ca.pem', certFile: 'client.pem', keyFile: 'client.key' },
      protocolVersion: 4,
      sessionExpiryS: 3600,
      sharedGroup: 'control-room',
      backoff: { initialMs: 200 },
    });
    expect(c.tls).toEqual({ caFile: 'ca.pem', certFile: 'client.pem', keyFile: 'client.key', rejectUnauthorized: true });
    expect(c.backoff).toEqual({ initialMs: 200, maxMs: 60_000 });
    expect(c.protocolVersion).toBe(4);
  });

  it('does not check that TLS files exist when parsing: the link does, when it connects', () => {
    expect(issues({ ...base, url: 'wss://broker.local/mqtt', tls: { caFile: 'no/such/file.pem' } })).toEqual([]);
  });

  it('refuses settings that cannot work, saying which field and why', () => {
    expect(issues({ ...base, tls: { caFile: 'ca.pem' } })).toEqual(['tls: TLS settings need an mqtts:// or wss:// URL']);
    expect(issues({ ...base, url: 'mqtts://b:8883', tls: { certFile: 'c.pem' } })).toEqual([
      'tls.keyFile: a client certificate needs its key file, and a key file its certificate',
    ]);
    expect(issues({ ...base, sharedGroup: 'a/b' })).toEqual(['sharedGroup: a name without /, + or #']);
    expect(issues({ ...base, backoff: { initialMs: 5000, maxMs: 1000 } })).toEqual(['backoff.initialMs: initialMs must not exceed maxMs']);
    expect(issues({ ...base, protocolVersion: 3 })).toHaveLength(1);
    expect(issues({ ...base, url: 'http://broker.local' })).toEqual(['url: an mqtt://, mqtts://, ws:// or wss:// URL']);
  });
});
