import type { DeviceDirectory } from '../../model/devices/device-directory';
import type { DeviceProfiles } from '../../model/devices/profiles';
import type { AreaHandlers } from '../dispatcher';

export function deviceHandlers(s: { devices: DeviceDirectory; profiles: DeviceProfiles }): AreaHandlers<'devices'> {
  return {
    'devices.list': (q) => s.devices.list(q),
    'devices.get': (q) => s.devices.get(q),
    'devices.profiles': () => ({ profiles: s.profiles.list() }),
    'devices.register': (q) => s.devices.register(q),
    'devices.setLimits': (q) => s.devices.setLimits(q),
  };
}
