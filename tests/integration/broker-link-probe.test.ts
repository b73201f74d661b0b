import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBroker } from '../../src/core/iot/transport/broker-probe';
import { BrokerConfig, type BrokerConfigInput } from '../../src/shared/contract/schemas/brokers';
import { recordedLink } from '../helpers/broker-links';
import { createTestPki, type TestPki } from '../helpers/certs';
import { freePort, startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { waitFor } from '../helpers/wait-for';

// brokers.test against a real mosquitto with a password file and a TLS listener.
let pki: TestPki;
let stranger: TestPki;
let broker: Mosquitto;
const login = { username: 'arxos', password: 'correct horse' };
const mappings = [{ topic: 'bldg/{floor}/{device}/{point}' }];

const probe = (c: Partial<BrokerConfigInput> & { url: string }) =>
  testBroker(BrokerConfig.parse({ id: 'site', name: 'Site broker', ...c }), { timeoutMs: 5000 });
const stepsOf = (r: Awaited<ReturnType<typeof probe>>) => r.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`);

beforeAll(async () => {
  pki = createTestPki();
  stranger = createTestPki('Stranger CA');
  broker = await startMosquitto({
    users: { [login.username]: login.password },
    tls: { caFile: pki.ca.cert, certFile: pki.server.cert, keyFile: pki.server.key },
  });
});

afterAll(async () => {
  await broker?.close();
  pki?.remove();
  stranger?.remove();
});

describe('brokers.test probe', () => {
  it('walks every step and reports the subscription granted', async () => {
    const r = await probe({ url: broker.tlsUrl!, ...login, tls: { caFile: pki.ca.cert }, mappings });
    expect(stepsOf(r)).toEqual(['settings:ok', 'resolve:ok', 'connect:ok', 'tls:ok', 'mqtt:ok', 'subscribe:ok']);
    expect(r).toMatchObject({ ok: true, message: `${broker.tlsUrl}: subscription to bldg/+/+/+ granted` });
    expect(r.steps.find((s) => s.step === 'tls')?.message).toMatch(/^TLSv1\.[23] with a certificate for localhost, valid until /);
  });

  it('says that nothing listens on a refused port', async () => {
    const r = await probe({ url: `mqtt://127.0.0.1:${await freePort()}` });
    expect(r).toMatchObject({ ok: false, message: 'connection refused: no broker is listening at that address' });
    expect(stepsOf(r)).toEqual(['settings:ok', 'resolve:ok', 'connect:failed']);
  });

  it('says that the broker refused the user name or password', async () => {
    const r = await probe({ url: broker.url, username: login.username, password: 'wrong' });
    expect(r).toMatchObject({ ok: false, message: 'the broker refused the user name or password' });
    expect(stepsOf(r).at(-1)).toBe('mqtt:failed');
    expect(JSON.stringify(r)).not.toContain('wrong');
  });

  it('says that the broker certificate comes from an unknown authority, before trying MQTT', async () => {
    const r = await probe({ url: broker.tlsUrl!, ...login, tls: { caFile: stranger.ca.cert } });
    expect(r).toMatchObject({ ok: false, message: 'TLS: the broker’s certificate is signed by an unknown authority — set a CA file' });
    expect(stepsOf(r).at(-1)).toBe('tls:failed');
  });

  it('says which TLS file it cannot read', async () => {
    const r = await probe({ url: broker.tlsUrl!, tls: { caFile: `${pki.dir}/nowhere.pem` } });
    expect(r).toMatchObject({ ok: false, message: `TLS: cannot read the CA file ${pki.dir}/nowhere.pem: no such file` });
    expect(stepsOf(r)).toEqual(['settings:failed']);
  });

  it('says that a host name is unknown', async () => {
    const r = await probe({ url: 'mqtt://no-such-broker.invalid:1883' });
    expect(r.message).toMatch(/^host name (not found|could not be resolved)/);
    expect(stepsOf(r)).toEqual(['settings:ok', 'resolve:failed']);
  });

  it('leaves a running link with the same settings undisturbed', async () => {
    const l = recordedLink({ url: broker.url, ...login, mappings });
    l.start(['bldg/+/+/+']);
    await l.reach('up');
    const r = await probe({ url: broker.url, ...login, mappings });
    expect(r.ok).toBe(true);
    // Had the probe taken the link's session over, the broker would have cut the link before this arrives.
    const publisher = await mqtt.connectAsync(broker.url, login);
    await publisher.publishAsync('bldg/f1/ahu1/temp', 'after the probe', { qos: 1 });
    await publisher.endAsync();
    await waitFor(() => l.messages.some((m) => m.payload === 'after the probe'), 5000, 'the message after the probe');
    expect(l.states.map((s) => s.state)).toEqual(['connecting', 'up']);
    await l.link.stop();
  });
});
