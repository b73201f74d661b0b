import type { StorageService } from '../../storage/storage';
import type { AreaHandlers } from '../dispatcher';

export function storageHandlers(s: { storage: StorageService }): AreaHandlers<'storage'> {
  return {
    'storage.usage': (q) => s.storage.usage(q),
    'storage.purge': (q) => s.storage.purge(q),
  };
}
