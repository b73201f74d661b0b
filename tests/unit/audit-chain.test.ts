import path from 'node:path';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/core/auth/audit/audit-log';
import { verifyAuditChain } from '../../src/core/auth/audit/verify-chain';
import { openDatabase, type Db } from '../../src/core/db/database';
import { SettingsTable } from '../../src/core/db/settings';
import { z } from 'zod';
import { tempDir } from '../helpers/temp-dir';

const operator = { user: 'ana', role: 'operator', via: 'ws' } as const;
let dir: string;
let db: Db;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'site.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function recordThree(): AuditLog {
  const log = new AuditLog(db);
  log.record(operator, { action: 'alarms.acknowledge', target: 'alarm 1' }, 1000);
  log.record(operator, { action: 'brokers.save', target: 'broker site', before: { url: 'mqtt://a' }, after: { url: 'mqtt://b' } }, 2000);
  log.record(operator, { action: 'storage.purge', target: 'raw samples', outcome: 'refused', detail: 'no confirm' }, 3000);
  return log;
}

describe('the hash-chained audit log', () => {
  it('chains each row to the one before, across a reopen', () => {
    recordThree();
    const again = new AuditLog(db);
    const row = again.record(operator, { action: 'session.logout', target: 'ana' }, 4000);
    const previous = db.prepare('SELECT hash FROM audit_log WHERE id = 3').pluck().get();
    expect(row.prevHash).toBe(previous);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 4 });
  });

  it('refuses updates and deletes through SQL', () => {
    recordThree();
    expect(() => db.prepare("UPDATE audit_log SET user = 'eve' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
  });

  it('names the first row changed, removed or inserted around the triggers', () => {
    recordThree();
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user = 'eve' WHERE id = 2");
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/changed/) });
  });

  it('names the row after a deleted one', () => {
    recordThree();
    db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2');
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/does not follow/) });
  });
});

describe('site settings', () => {
  it('reads what was written, and the fallback for a missing or misfit value', () => {
    const settings = new SettingsTable(db);
    const Idle = z.object({ lockAfterMin: z.number().int().min(1) });
    expect(settings.get('auth.idle', Idle, { lockAfterMin: 15 })).toEqual({ lockAfterMin: 15 });
    settings.set('auth.idle', { lockAfterMin: 5 }, 'ana');
    expect(settings.get('auth.idle', Idle, { lockAfterMin: 15 })).toEqual({ lockAfterMin: 5 });
    settings.set('auth.idle', { lockAfterMin: 'soon' }, 'ana');
    expect(settings.get('auth.idle', Idle, { lockAfterMin: 15 })).toEqual({ lockAfterMin: 15 });
  });
});
