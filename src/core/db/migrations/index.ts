import type Database from 'better-sqlite3';
import { m001Initial } from './001-initial';
import { m002Brokers } from './002-brokers';
import { m003DeadLetters } from './003-dead-letters';
import { m004DeviceProfiles } from './004-device-profiles';
import { m005StorageRows } from './005-storage-rows';
import { m006Spaces } from './006-spaces';
import { m007Audit } from './007-audit';
import { m008Settings } from './008-settings';

/** Schema changes in order; position n (from 0) brings the schema to version n + 1. Never edit a shipped one. */
export const migrations: ReadonlyArray<(db: Database.Database) => void> = [m001Initial, m002Brokers, m003DeadLetters, m004DeviceProfiles, m005StorageRows, m006Spaces, m007Audit, m008Settings];
