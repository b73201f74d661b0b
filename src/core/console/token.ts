import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const TOKEN_FILE = 'console.token';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

export interface ConsoleToken {
  token: string;
  file: string;
  /** True when this start generated it. */
  created: boolean;
}

/**
 * The console's access token: generated on first start, then read back so printed URLs and
 * bookmarks keep working across restarts. Only the owner may read it (mode 0600); a file that
 * others can read is tightened rather than trusted as it is.
 */
export function loadOrCreateToken(dataDir: string): ConsoleToken {
  const file = path.join(dataDir, TOKEN_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  const token = crypto.randomBytes(32).toString('base64url');
  try {
    // 'wx' fails when the file exists, so two starts never overwrite each other's token.
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return { token, file, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`cannot write the console token ${file}: ${(err as Error).message}`, { cause: err });
    }
  }
  const existing = fs.readFileSync(file, 'utf8').trim();
  if (!TOKEN_SHAPE.test(existing)) {
    throw new Error(`the console token ${file} is malformed (expected 32 to 128 URL-safe characters): delete it to generate a new one`);
  }
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return { token: existing, file, created: false };
}

/** Constant-time comparison, so the answer's timing does not reveal how much of a guess was right. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (!presented) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(presented).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The token a request presents: `Authorization: Bearer <token>` first, else `?token=<token>`. */
export function presentedToken(authorization: string | undefined, url: URL): string | null {
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return m ? m[1]! : null;
  }
  return url.searchParams.get('token');
}
