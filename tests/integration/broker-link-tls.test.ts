import fs from 'node:fs';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BrokerConfig } from '../../src/shared/contract/schemas/brokers';
import { recordedLink, type RecordedLink } from '../helpers/broker-links';
import { createTestPki, type TestPki } from '../helpers/certs';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { waitFor } from '../helpers/wait-for';

// mosquitto with a TLS listener (server certificate from a generated CA), and one that requires client certificates.
let pki: TestPki;
let stranger: TestPki;
let tlsBroker: Mosquitto;
let mtlsBroker: Mosquitto;
const open: RecordedLink[] = [];

function link(...args: Parameters<typeof recordedLink>): RecordedLink {
  const l = recordedLink(...args);
  open.push(l);
  l.start(['bldg/#']);
  return l;
}

beforeAll(async () => {
  pki = createTestPki();
  stranger = createTestPki('Stranger CA');
  const server = { caFile: pki.ca.cert, certFile: pki.server.cert, keyFile: pki.server.key };
  [tlsBroker, mtlsBroker] = await Promise.all([
    startMosquitto({ tls: server }),
    startMosquitto({ tls: { ...server, requireCertificate: true } }),
  ]);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.link.stop()));
});

afterAll(async () => {
  await Promise.all([tlsBroker?.close(), mtlsBroker?.close()]);
  pki?.remove();
  stranger?.remove();
});

describe('broker link over TLS (mosquitto)', () => {
  it('connects with the CA file and receives', async () => {
    const l = link({ url: tlsBroker.tlsUrl!, tls: { caFile: pki.ca.cert } });
    await l.reach('up');
    const publisher = await mqtt.connectAsync(tlsBroker.url);
    await publisher.publishAsync('bldg/f1/ahu1/temp', 'over TLS', { qos: 1 });
    await publisher.endAsync();
    await waitFor(() => l.messages.some((m) => m.payload === 'over TLS'), 5000, 'the message');
  });

  it('refuses a broker certificate from an unknown authority, and says to set a CA file', async () => {
    const systemTrust = link({ id: 'system-trust', url: tlsBroker.tlsUrl! });
    const wrongCa = link({ id: 'wrong-ca', url: tlsBroker.tlsUrl!, tls: { caFile: stranger.ca.cert } });
    for (const l of [systemTrust, wrongCa]) {
      await l.reach('down', /^TLS: the broker’s certificate is signed by an unknown authority — set a CA file$/);
    }
  });

  it('refuses a certificate that is not for the server name expected', async () => {
    const l = link({ url: tlsBroker.tlsUrl!, tls: { caFile: pki.ca.cert, serverName: 'broker.elsewhere' } });
    await l.reach('down', /^TLS: the broker’s certificate is not for this host name \(.*broker\.elsewhere.*\) — connect by a name it lists, or set the server name$/);
  });

  it('connects with mutual TLS when given the client certificate and key', async () => {
    const l = link({ url: mtlsBroker.tlsUrl!, tls: { caFile: pki.ca.cert, certFile: pki.client.cert, keyFile: pki.client.key } });
    await l.reach('up');
  });

  it('says what is wrong when the broker wants a client certificate and gets none, or one it does not trust', async () => {
    const none = link({ id: 'no-client-cert', url: mtlsBroker.tlsUrl!, tls: { caFile: pki.ca.cert } });
    const untrusted = link({
      id: 'untrusted-client-cert',
      url: mtlsBroker.tlsUrl!,
      tls: { caFile: pki.ca.cert, certFile: stranger.client.cert, keyFile: stranger.client.key },
    });
    await none.reach('down', /^TLS: the broker requires a client certificate — set the certificate and key files$/);
    await untrusted.reach('down', /^TLS: the broker does not trust the client certificate/);
  });

  it('checks the TLS files when the link starts, not when the configuration is parsed, and names the missing one', async () => {
    const missing = path.join(pki.dir, 'renewed-ca.pem');
    expect(BrokerConfig.safeParse({ id: 'x', name: 'x', url: mtlsBroker.tlsUrl!, tls: { caFile: missing } }).success).toBe(true);
    const l = link({ url: mtlsBroker.tlsUrl!, tls: { caFile: missing, certFile: pki.client.cert, keyFile: pki.client.key } });
    await l.reach('down', new RegExp(`^TLS: cannot read the CA file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file$`));
    // The files are read at every attempt: once the file is there, the next retry connects.
    fs.copyFileSync(pki.ca.cert, missing);
    await l.reach('up');
  });
});
