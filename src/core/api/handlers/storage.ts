import type { Handlers } from '../dispatcher';
import type { Services } from './services';

/** Operator actions are not audit-logged yet: the hash-chained audit log comes later and will record purges. */
export function storageHandlers(s: Services): Pick<Handlers, 'storage.usage' | 'storage.purge'> {
  return {
    'storage.usage': (q) => s.storage.usage(q),
    'storage.purge': (q) => s.storage.purge(q),
  };
}
