import { openDatabase, type Db } from '../../src/core/db/database';
import { SampleStore } from '../../src/core/db/samples';
import { StorageService, type StorageOptions } from '../../src/core/storage/storage';
import { Registry } from '../../src/core/model/registry';

/** The storage layer of a site file without a core: points, the retention and row counters, the sample store. */
export interface StorageStack {
  db: Db;
  registry: Registry;
  storage: StorageService;
  store: SampleStore;
}

/** Puts the storage layer together on `file` as the core does; `db` when the file was opened another way. */
export function openStorage(file: string, options: StorageOptions, db: Db = openDatabase(file)): StorageStack {
  const registry = new Registry(db);
  const storage = new StorageService(db, file, registry, options);
  return { db, registry, storage, store: new SampleStore(db, storage.rows) };
}
