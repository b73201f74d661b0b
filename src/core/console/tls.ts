import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export const CERT_FILE = 'console-tls.crt';
export const KEY_FILE = 'console-tls.key';
const VALID_DAYS = 365;
/** A certificate this close to expiry is replaced at start rather than left to fail mid-session. */
const RENEW_BEFORE_MS = 14 * 86_400_000;

export interface ConsoleCertificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint as browsers show it (AB:CD:...), to compare before trusting the certificate. */
  fingerprint256: string;
  /** Why a new certificate was made this start, or null when the stored one was reused. */
  generated: string | null;
}

/**
 * The console's self-signed certificate, kept in the data dir so a headset or browser that
 * trusted it once keeps trusting it. Made on first use; made again only when missing,
 * unreadable, near expiry, or not valid for the host the console is reached at.
 */
export async function loadOrCreateCertificate(dataDir: string, hosts: string[]): Promise<ConsoleCertificate> {
  const certFile = path.join(dataDir, CERT_FILE);
  const keyFile = path.join(dataDir, KEY_FILE);
  const reason = reasonToRenew(certFile, keyFile, hosts);
  if (reason === null) {
    const cert = fs.readFileSync(certFile, 'utf8');
    return { cert, key: fs.readFileSync(keyFile, 'utf8'), fingerprint256: new crypto.X509Certificate(cert).fingerprint256, generated: null };
  }
  const names = new Set(['localhost', os.hostname(), '127.0.0.1', '::1', ...hosts]);
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? os.hostname() }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + VALID_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names].map((n) => (net.isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
    ],
  });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  fs.chmodSync(keyFile, 0o600);
  fs.writeFileSync(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private, fingerprint256: new crypto.X509Certificate(pems.cert).fingerprint256, generated: reason };
}

function reasonToRenew(certFile: string, keyFile: string, hosts: string[]): string | null {
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) return 'first use';
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(fs.readFileSync(certFile));
    if (!x509.checkPrivateKey(crypto.createPrivateKey(fs.readFileSync(keyFile)))) return 'the stored key does not match the certificate';
  } catch (err) {
    return `the stored certificate is unreadable (${(err as Error).message})`;
  }
  if (Date.parse(x509.validTo) - Date.now() < RENEW_BEFORE_MS) return 'the stored certificate expires soon';
  for (const host of hosts) {
    const ok = net.isIP(host) ? x509.checkIP(host) !== undefined : x509.checkHost(host) !== undefined;
    if (!ok) return `the stored certificate does not cover ${host}`;
  }
  return null;
}
