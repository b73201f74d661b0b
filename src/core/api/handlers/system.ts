import type { SystemStatus } from '../../system/status';
import type { AreaHandlers } from '../dispatcher';

export function systemHandlers(s: { status: SystemStatus }): AreaHandlers<'system'> {
  return {
    'system.health': () => s.status.health(),
  };
}
