import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  connectOptions,
  LinkSettingsError,
  linkClientId,
  subscriptionFilters,
} from '../../src/core/iot/transport/broker-options';
import { BrokerConfig, type BrokerConfigInput } from '../../src/shared/contract/schemas/brokers';
import { createTestPki, type TestPki } from '../helpers/certs';

const session = { clientId: 'arxos-test', clean: false, sessionExpiryS: 600 };
const config = (c: Partial<BrokerConfigInput> = {}): BrokerConfig =>
  BrokerConfig.parse({ id: 'site', name: 'Site', url: 'mqtt://127.0.0.1:1883', ...c });

let pki: TestPki;
let other: TestPki;
beforeAll(() => {
  pki = createTestPki();
  other = createTestPki('Other CA');
});
afterAll(() => {
  pki.remove();
  other.remove();
});

describe('backoffDelay', () => {
  const backoff = { initialMs: 100, maxMs: 1000 };

  it('waits a random time below a ceiling that doubles with each failure', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, backoff, () => 0.999))).toEqual([99, 199, 399, 799]);
    expect(backoffDelay(2, backoff, () => 0.5)).toBe(200);
  });

  it('can be zero (full jitter) and never passes maxMs, however many failures', () => {
    expect(backoffDelay(5, backoff, () => 0)).toBe(0);
    expect(backoffDelay(4, backoff, () => 0.999)).toBe(999);
    expect(backoffDelay(10_000, backoff, () => 0.999)).toBe(999);
  });
});

describe('client id and filters', () => {
  it('derives a client id from the installation and the link, unless one is configured', () => {
    expect(linkClientId(config(), 'a1b2c3d4')).toBe('arxos-a1b2c3d4-site');
    expect(linkClientId(config({ clientId: 'plant-7' }), 'a1b2c3d4')).toBe('plant-7');
  });

  it('subscribes each filter once, under $share/<group>/ in a shared group', () => {
    expect(subscriptionFilters(['a/+/b', 'c/#', 'a/+/b'])).toEqual(['a/+/b', 'c/#']);
    expect(subscriptionFilters(['a/+/b', 'c/#'], 'hosts')).toEqual(['$share/hosts/a/+/b', '$share/hosts/c/#']);
  });
});

describe('connectOptions', () => {
  it('asks for a persistent MQTT 5 session and leaves reconnecting to the link', () => {
    const o = connectOptions(config({ username: 'u', password: 'p', keepaliveS: 20 }), session);
    expect(o).toMatchObject({
      clientId: 'arxos-test',
      protocolVersion: 5,
      clean: false,
      keepalive: 20,
      reconnectPeriod: 0,
      username: 'u',
      password: 'p',
      properties: { sessionExpiryInterval: 600 },
    });
  });

  it('speaks MQTT 3.1.1, which has no session expiry property, when asked', () => {
    const o = connectOptions(config({ protocolVersion: 4 }), session);
    expect(o.protocolVersion).toBe(4);
    expect(o.properties).toBeUndefined();
  });

  it('reads the CA, certificate and key files for mqtts:// and wss://, and checks certificates by default', () => {
    const tls = { caFile: pki.ca.cert, certFile: pki.client.cert, keyFile: pki.client.key, serverName: 'broker.site' };
    const o = connectOptions(config({ url: 'mqtts://127.0.0.1:8883', tls }), session);
    expect(o.ca).toEqual([new X509Certificate(fs.readFileSync(pki.ca.cert)).toString()]);
    expect(o.cert).toEqual(fs.readFileSync(pki.client.cert));
    expect(o.rejectUnauthorized).toBe(true);
    expect(o.servername).toBe('broker.site');
    const ws = connectOptions(config({ url: 'wss://127.0.0.1/mqtt', tls }), session);
    expect(ws.wsOptions).toEqual({ rejectUnauthorized: true, servername: 'broker.site' });
  });

  it('uses the system trust store when no CA file is given', () => {
    const o = connectOptions(config({ url: 'mqtts://127.0.0.1:8883' }), session);
    expect(o.ca).toBeUndefined();
    expect(o.rejectUnauthorized).toBe(true);
  });

  it('takes a CA file in DER form too', () => {
    const der = path.join(pki.dir, 'ca.der');
    fs.writeFileSync(der, new X509Certificate(fs.readFileSync(pki.ca.cert)).raw);
    const o = connectOptions(config({ url: 'mqtts://127.0.0.1:8883', tls: { caFile: der } }), session);
    expect(o.ca).toEqual([new X509Certificate(fs.readFileSync(pki.ca.cert)).toString()]);
  });

  it('names the file and the problem when a TLS file cannot be used', () => {
    const attempt = (tls: BrokerConfigInput['tls']) => () => connectOptions(config({ url: 'mqtts://127.0.0.1:8883', tls }), session);
    const missing = path.join(pki.dir, 'missing.pem');
    expect(attempt({ caFile: missing })).toThrow(new LinkSettingsError(`TLS: cannot read the CA file ${missing}: no such file`));
    expect(attempt({ caFile: pki.dir })).toThrow(`TLS: cannot read the CA file ${pki.dir}: it is a folder`);
    expect(attempt({ caFile: pki.client.key })).toThrow(`TLS: the CA file ${pki.client.key} holds no certificate that can be read`);
    expect(attempt({ certFile: pki.client.cert, keyFile: other.client.key })).toThrow(
      'TLS: the client key does not belong to the client certificate',
    );
    expect(attempt({ certFile: pki.client.key, keyFile: pki.client.key })).toThrow('TLS: the client certificate or key file is not in PEM format');
  });

  it('does not read TLS files for a plain mqtt:// URL', () => {
    expect(connectOptions(config(), session).ca).toBeUndefined();
  });
});
