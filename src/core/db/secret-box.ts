import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Seals secrets (broker passwords) with AES-256-GCM under a random key kept in its own file in the data
 * directory, readable by the owner only. The database then never holds a usable password: a copy of it
 * sent with a support request, or a backup of the database alone, gives none away. Whoever can read the
 * whole data directory can still read the key: this guards against leaks of the database, not the machine.
 */
export class SecretBox {
  private key: Buffer | null = null;

  constructor(private readonly keyFile: string) {}

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor('seal'), iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
  }

  /** Throws, in words, when the key is gone or is not the one the secret was sealed with. */
  open(sealed: string): string {
    const [version, body] = sealed.split(':');
    if (version !== VERSION || body === undefined) throw new Error('the stored secret is not in a known format');
    const raw = Buffer.from(body, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('the stored secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor('open'), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`the stored secret was sealed with another key than ${this.keyFile}`);
    }
  }

  /** The key is made on the first seal, so a site without secrets has no key file. */
  private keyFor(use: 'seal' | 'open'): Buffer {
    if (this.key !== null) return this.key;
    let key: Buffer;
    try {
      key = fs.readFileSync(this.keyFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the secret key ${this.keyFile}: ${(err as Error).message}`);
      if (use === 'open') throw new Error(`the secret key ${this.keyFile} is missing`);
      key = randomBytes(KEY_BYTES);
      // wx: never overwrite a key another process just wrote; mode 0600: the owner only.
      fs.writeFileSync(this.keyFile, key, { mode: 0o600, flag: 'wx' });
    }
    if (key.length !== KEY_BYTES) throw new Error(`the secret key ${this.keyFile} is damaged (${key.length} bytes, ${KEY_BYTES} expected)`);
    this.key = key;
    return key;
  }
}
