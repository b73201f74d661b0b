/** The URL as shown to people: any user name or password removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

/** A socket, TLS or MQTT failure as Node and mqtt.js report it. */
export type LinkError = Error & { code?: string | number; hostname?: string; reason?: string };

const UNKNOWN_AUTHORITY = 'TLS: the broker’s certificate is signed by an unknown authority — set a CA file';

/** Node's certificate verification codes and OpenSSL's TLS alert codes, in words. */
const TLS_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNKNOWN_AUTHORITY,
  UNABLE_TO_GET_ISSUER_CERT: UNKNOWN_AUTHORITY,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNKNOWN_AUTHORITY,
  SELF_SIGNED_CERT_IN_CHAIN: UNKNOWN_AUTHORITY,
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: the broker’s certificate is self-signed — set it, or the CA that signed it, as the CA file',
  CERT_HAS_EXPIRED: 'TLS: the broker’s certificate has expired',
  CERT_NOT_YET_VALID: 'TLS: the broker’s certificate is not valid yet — check the clocks',
  CERT_REVOKED: 'TLS: the broker’s certificate has been revoked',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'TLS: the broker requires a client certificate — set the certificate and key files',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'TLS: the broker does not trust the client certificate (signed by a CA it does not know)',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'TLS: the broker rejected the client certificate',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'TLS: the broker rejected the client certificate: it has expired',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'TLS: the handshake failed — the broker may require a client certificate or other TLS settings',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'TLS: the broker and the app share no TLS version',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS: the broker did not answer in TLS — is this a plain mqtt:// or ws:// port?',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'TLS: the broker did not answer in TLS — is this a plain mqtt:// or ws:// port?',
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: 'TLS: the client key does not belong to the client certificate',
  ERR_OSSL_PEM_NO_START_LINE: 'TLS: the client certificate or key file is not in PEM format',
  ERR_OSSL_UNSUPPORTED: 'TLS: the client key file cannot be read (not a PEM key, or encrypted)',
  ERR_OSSL_BAD_DECRYPT: 'TLS: the client key file is encrypted; give an unencrypted key',
};

const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: no broker is listening at that address',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by the broker',
  EPIPE: 'connection reset by the broker',
  EHOSTUNREACH: 'the broker’s host cannot be reached from this machine',
  ENETUNREACH: 'the broker’s network cannot be reached from this machine',
  EADDRNOTAVAIL: 'the broker’s address is not available from this machine',
};

/**
 * MQTT reason codes of CONNACK, SUBACK and DISCONNECT, in words. 1–5 are MQTT 3.1.1's CONNACK
 * return codes; 128 and above are MQTT 5's. The two ranges do not overlap.
 */
const REASON_CODES: Record<number, string> = {
  1: 'the broker does not accept this MQTT protocol version',
  2: 'the broker refused the client id — set another client id',
  3: 'the broker is unavailable',
  4: 'the broker refused the user name or password',
  5: 'not authorised by the broker',
  128: 'the broker refused without giving a reason',
  130: 'protocol error between the app and the broker',
  131: 'the broker refused (implementation-specific reason)',
  132: 'the broker does not support MQTT 5 — set protocol version 4 (MQTT 3.1.1)',
  133: 'the broker refused the client id — set another client id',
  134: 'the broker refused the user name or password',
  135: 'not authorised by the broker',
  136: 'the broker is unavailable',
  137: 'the broker is busy; it asks to retry later',
  138: 'the broker has banned this client',
  139: 'the broker is shutting down',
  140: 'the broker does not accept this authentication method',
  141: 'the broker closed the link: keepalive timeout',
  142: 'another client connected with the same client id and took the session over — each host needs its own client id',
  143: 'the broker refused the topic filter',
  149: 'a packet was too large for the broker',
  151: 'the broker’s quota for this client is exceeded',
  152: 'the broker’s administrator closed the link',
  156: 'the broker asks to use another server',
  157: 'the broker has moved to another server',
  158: 'the broker does not support shared subscriptions — clear the shared group',
  159: 'the broker refused: too many connections in a short time',
  160: 'the broker closed the link: maximum connection time reached',
  162: 'the broker does not support wildcard subscriptions',
};

/** An MQTT reason code (CONNACK, SUBACK, DISCONNECT) in words. */
export function describeReasonCode(code: number): string {
  return REASON_CODES[code] ?? `the broker refused (reason code ${code})`;
}

/** What the link knew when the error came; it sharpens two answers that are ambiguous on their own. */
export interface ErrorContext {
  /** A user name was sent. */
  credentials?: boolean;
  /** The URL is mqtts:// or wss://. */
  secure?: boolean;
  /** The broker had answered the CONNECT. */
  answered?: boolean;
  /** The MQTT version the CONNECT asked for. */
  protocolVersion?: 4 | 5;
}

/** The CONNACK codes of a broker that does not speak the MQTT version asked for (3.1.1's 1 is what a 3.1.1-only broker answers MQTT 5 with). */
export function isVersionRefusal(code: unknown): boolean {
  return code === 1 || code === 132;
}

/** Turns socket, TLS and MQTT errors into words an operator can act on. */
export function describeLinkError(err: LinkError, context: ErrorContext = {}): string {
  // With both IPv6 and IPv4 addresses, Node reports each failed attempt; the first says what went wrong.
  if (err instanceof AggregateError && err.errors[0] instanceof Error) return describeLinkError(err.errors[0] as LinkError, context);
  const { code } = err;
  // Mosquitto, among others, answers a wrong password with "not authorised" rather than "bad user name or password".
  if ((code === 5 || code === 135) && context.credentials === true) return REASON_CODES[134] as string;
  if ((code === 5 || code === 135) && context.credentials === false) return 'not authorised by the broker — it may require a user name and password';
  if (context.protocolVersion === 5 && isVersionRefusal(code)) return REASON_CODES[132] as string;
  if (typeof code === 'number') return describeReasonCode(code);
  if (code === 'ECONNRESET' && context.answered === false) {
    return context.secure
      ? 'the broker reset the connection during the TLS handshake — is this a plain mqtt:// or ws:// port?'
      : 'the broker reset the connection before answering — is this a TLS port (mqtts://)?';
  }
  if (code === 'ENOTFOUND') return `host name not found${err.hostname ? `: ${err.hostname}` : ''}`;
  if (code === 'EAI_AGAIN') return `host name could not be resolved (no answer from DNS)${err.hostname ? `: ${err.hostname}` : ''}`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `TLS: the broker’s certificate is not for this host name (${err.reason ?? err.message}) — connect by a name it lists, or set the server name`;
  }
  if (code !== undefined && TLS_CODES[code]) return TLS_CODES[code];
  if (code !== undefined && SOCKET_CODES[code]) return SOCKET_CODES[code];
  if (err.message === 'connack timeout') return 'no answer from the broker in time — is this an MQTT port, and is the broker overloaded?';
  if (err.message === 'Keepalive timeout') return 'the broker stopped answering (keepalive timeout)';
  return err.message || String(err);
}

/**
 * A connection that closed without any error. mqtt.js reports no error for a WebSocket the server
 * refused (wrong path: HTTP 404), so for ws:// and wss:// the path is the first suspect.
 */
export function describeSilentClose(url: string, wasUp: boolean): string {
  if (wasUp) return 'the connection to the broker was lost';
  if (/^wss?:/.test(url)) return 'the WebSocket closed before the broker answered — check the URL’s path (often /mqtt)';
  return 'the broker closed the connection without answering — wrong protocol version, or not an MQTT port?';
}

/** The first filter the broker refused, in words; null when all were granted. */
export function subscriptionRefusal(filters: readonly string[], suback: { granted: unknown[] } | undefined, err: Error | null): string | null {
  const granted = suback?.granted ?? [];
  const index = granted.findIndex((code) => typeof code === 'number' && code >= 0x80);
  if (index >= 0) {
    const code = granted[index] as number;
    // 128 is all MQTT 3.1.1 can say; brokers answer it for a filter their access rules deny.
    const why = code === 0x80 ? 'no reason given; check the broker’s access rules for this client' : describeReasonCode(code);
    return `the broker refused the subscription to ${filters[index] ?? 'a topic filter'}: ${why}`;
  }
  if (err) return `subscription failed: ${describeLinkError(err as LinkError)}`;
  return null;
}
