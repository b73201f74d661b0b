import type Database from 'better-sqlite3';
import { m001Initial } from './001-initial';

/** Schema changes in order; position n (from 0) brings the schema to version n + 1. Never edit a shipped one. */
export const migrations: ReadonlyArray<(db: Database.Database) => void> = [m001Initial];
