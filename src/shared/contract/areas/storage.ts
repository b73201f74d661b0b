import { admins, everyone } from '../../roles';
import { area, event, method } from '../define';
import { StorageChanged, StoragePurgeInput, StoragePurgeOutput, StorageUsage, StorageUsageInput } from '../schemas/storage';

export const storageArea = area({
  permissions: {
    'storage:read': { summary: 'See what the history takes on disk and the retention in force.', roles: everyone },
    'storage:purge': { summary: 'Delete stored history.', roles: admins },
  },
  methods: {
    'storage.usage': method({
      input: StorageUsageInput,
      output: StorageUsage,
      permission: 'storage:read',
      summary: 'Database file and WAL size, rows and bytes per series and table, the points and devices taking the most space, retention settings and the last sweep.',
    }),
    'storage.purge': method({
      input: StoragePurgeInput,
      output: StoragePurgeOutput,
      permission: 'storage:purge',
      summary: 'Deletes history (older than a time, of some points, devices, kinds or series; `confirm: true` required), gives the space back to the disk and reports the file size before and after.',
    }),
  },
  events: {
    'storage.changed': event({
      payload: StorageChanged,
      permission: 'storage:read',
      summary: 'What `storage.usage` answers has changed: rows were added (told at most every 10 s), a sweep or a purge finished, or a recount ended.',
    }),
  },
});
