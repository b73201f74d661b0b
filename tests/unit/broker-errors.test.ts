import { describe, expect, it } from 'vitest';
import { describeLinkError, redactUrl, subscriptionRefusal, type LinkError } from '../../src/core/iot/transport/broker-errors';

const err = (code: string | number, message = 'x', extra: Partial<LinkError> = {}): LinkError => Object.assign(new Error(message), { code }, extra);

describe('describeLinkError', () => {
  it('says what failed on the network', () => {
    expect(describeLinkError(err('ECONNREFUSED'))).toBe('connection refused: no broker is listening at that address');
    expect(describeLinkError(err('ENOTFOUND', 'x', { hostname: 'broker.site' }))).toBe('host name not found: broker.site');
    expect(describeLinkError(new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')]))).toBe(
      'connection refused: no broker is listening at that address',
    );
    expect(describeLinkError(new Error('connack timeout'))).toMatch(/^no answer from the broker in time/);
    expect(describeLinkError(new Error('Keepalive timeout'))).toBe('the broker stopped answering (keepalive timeout)');
  });

  it('says what failed in TLS and what to change', () => {
    expect(describeLinkError(err('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toBe(
      'TLS: the broker’s certificate is signed by an unknown authority — set a CA file',
    );
    expect(describeLinkError(err('ERR_TLS_CERT_ALTNAME_INVALID', 'x', { reason: 'Host: broker.site is not in the cert’s altnames' }))).toMatch(
      /^TLS: the broker’s certificate is not for this host name \(Host: broker.site/,
    );
    expect(describeLinkError(err('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'))).toBe(
      'TLS: the broker requires a client certificate — set the certificate and key files',
    );
    expect(describeLinkError(err('ECONNRESET'), { secure: true, answered: false })).toMatch(/during the TLS handshake — is this a plain mqtt:/);
    expect(describeLinkError(err('ECONNRESET'), { secure: false, answered: false })).toMatch(/is this a TLS port \(mqtts:\/\/\)\?$/);
    expect(describeLinkError(err('ECONNRESET'), { answered: true })).toBe('connection reset by the broker');
  });

  it('reads MQTT 3.1.1 and MQTT 5 reason codes, and "not authorised" after a user name as a refused password', () => {
    expect(describeLinkError(err(4))).toBe('the broker refused the user name or password');
    expect(describeLinkError(err(134))).toBe('the broker refused the user name or password');
    expect(describeLinkError(err(135), { credentials: true })).toBe('the broker refused the user name or password');
    expect(describeLinkError(err(5), { credentials: false })).toBe('not authorised by the broker — it may require a user name and password');
    expect(describeLinkError(err(142))).toMatch(/same client id and took the session over/);
    expect(describeLinkError(err(250))).toBe('the broker refused (reason code 250)');
  });

  it('names the subscription the broker refused', () => {
    expect(subscriptionRefusal(['a/+', 'b/+'], { granted: [1, 135] }, null)).toBe(
      'the broker refused the subscription to b/+: not authorised by the broker',
    );
    expect(subscriptionRefusal(['a/+'], { granted: [128] }, null)).toMatch(/a\/\+: no reason given; check the broker’s access rules/);
    expect(subscriptionRefusal(['a/+'], { granted: [1] }, null)).toBeNull();
  });
});

describe('redactUrl', () => {
  it('never shows a user name or password', () => {
    expect(redactUrl('mqtts://alice:s3cret@broker.site:8883')).toBe('mqtts://broker.site:8883');
    expect(redactUrl('wss://alice:s3cret@broker.site/mqtt')).toBe('wss://broker.site/mqtt');
  });
});
