import { errorText } from '../../shared/errors';

/** SQLite result codes (better-sqlite3 puts them in `code`), by prefix, in words an operator can act on. */
const causes: [prefix: string, words: string][] = [
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_BUSY', 'the database is locked by another program'],
  ['SQLITE_LOCKED', 'the database is locked by another program'],
  ['SQLITE_READONLY', 'the database file cannot be written (a read-only file, folder or disk)'],
  ['SQLITE_IOERR', 'the disk reported an input/output error'],
  ['SQLITE_CORRUPT', 'the database file is damaged'],
  ['SQLITE_NOTADB', 'the database file is damaged'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened (moved or deleted?)'],
];

/** An error of SQLite itself (full disk, lock, damaged file), not of the code calling it. */
export function isWriteError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** Why a write failed, in plain words, with SQLite's own code and message for whoever digs further. */
export function describeWriteError(err: unknown): string {
  const message = errorText(err);
  const code = typeof (err as { code?: unknown } | null)?.code === 'string' ? (err as { code: string }).code : '';
  const words = causes.find(([prefix]) => code.startsWith(prefix))?.[1];
  return words === undefined ? message : `${words} (${code}: ${message})`;
}
