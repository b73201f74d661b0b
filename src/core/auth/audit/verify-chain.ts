import type { Db } from '../../db/database';
import { GENESIS_HASH, rowHash } from './audit-log';

export type ChainVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; /** The first row that does not fit the chain. */ brokenAt: number; reason: string };

interface StoredRow {
  id: number;
  at: number;
  user: string;
  role: string;
  via: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** Walks the audit log in order and names the first row whose content or link to the row before was changed. */
export function verifyAuditChain(db: Db): ChainVerdict {
  let prev = GENESIS_HASH;
  let rows = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredRow>) {
    rows++;
    if (r.prev_hash !== prev) return { ok: false, rows, brokenAt: r.id, reason: `row ${r.id} does not follow the row before it (a row was removed, inserted or edited)` };
    const expected = rowHash({ ...r, prevHash: r.prev_hash });
    if (expected !== r.hash) return { ok: false, rows, brokenAt: r.id, reason: `row ${r.id} was changed after it was written` };
    prev = r.hash;
  }
  return { ok: true, rows };
}
