import { everyone } from '../../roles';
import { area, event, method } from '../define';
import { NoInput } from '../schemas/common';
import { Health } from '../schemas/system';

export const systemArea = area({
  permissions: {
    'system:read': { summary: 'See the health of the core: links, ingest counters, database.', roles: everyone },
  },
  methods: {
    'system.health': method({
      input: NoInput,
      output: Health,
      permission: 'system:read',
      summary: 'Version, uptime, broker links and their state, ingest counters and rate, database size.',
    }),
  },
  events: {
    'system.status': event({
      payload: Health,
      permission: 'system:read',
      summary: 'Health of the core (broker links, ingest counters, database), every second and on every link change.',
    }),
  },
});
