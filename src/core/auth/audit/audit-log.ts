import { createHash } from 'node:crypto';
import type { Session } from '../../../shared/roles';
import type { Db } from '../../db/database';

/** What an operator, engineer or the system did, as one row of the audit log. */
export interface AuditEntry {
  /** `area.verb`, e.g. `alarms.acknowledge`, `brokers.save`, `session.login`. */
  action: string;
  /** What it was done to, in words an auditor reads: `broker site`, `alarm 42 (hq/f1/r101 temp high)`. */
  target: string;
  /** The state before and after, where there is one (never a secret). */
  before?: unknown;
  after?: unknown;
  /** `ok` unless the action was refused or failed. */
  outcome?: 'ok' | 'refused' | 'failed';
  detail?: string;
}

export interface AuditRow {
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
  prevHash: string;
  hash: string;
}

/** What areas depend on: recording who did what. */
export interface AuditRecorder {
  record(actor: Session, entry: AuditEntry, at?: number): AuditRow;
}

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The SHA-256 of a row: every field but the id and its own hash, in a fixed order, with the previous row's hash. */
export function rowHash(r: Omit<AuditRow, 'id' | 'hash'>): string {
  const fields = [r.at, r.user, r.role, r.via, r.action, r.target, r.before, r.after, r.outcome, r.detail, r.prevHash];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/**
 * The hash-chained audit log. Rows are only ever appended, each carrying the hash of the one
 * before, so an edited, inserted or deleted row breaks the chain at that row (see verifyAuditChain).
 */
export class AuditLog implements AuditRecorder {
  private readonly insert;
  private readonly lastHash;
  private prev: string;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, user, role, via, action, target, before, after, outcome, detail, prev_hash, hash)
       VALUES (@at, @user, @role, @via, @action, @target, @before, @after, @outcome, @detail, @prevHash, @hash)`,
    );
    this.lastHash = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck();
    this.prev = (this.lastHash.get() as string | undefined) ?? GENESIS_HASH;
  }

  record(actor: Session, entry: AuditEntry, at = Date.now()): AuditRow {
    const row = {
      at,
      user: actor.user,
      role: actor.role,
      via: actor.via,
      action: entry.action,
      target: entry.target,
      before: json(entry.before),
      after: json(entry.after),
      outcome: entry.outcome ?? 'ok',
      detail: entry.detail ?? null,
      prevHash: this.prev,
    };
    const hash = rowHash(row);
    const id = Number(this.insert.run({ ...row, hash }).lastInsertRowid);
    this.prev = hash;
    return { id, ...row, hash };
  }
}
