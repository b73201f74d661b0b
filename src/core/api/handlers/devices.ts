import type { Handlers } from '../dispatcher';
import type { Services } from './services';

export function deviceHandlers(s: Services): Pick<Handlers, 'devices.list' | 'devices.get' | 'devices.profiles' | 'devices.register' | 'devices.setLimits'> {
  return {
    'devices.list': (q) => s.devices.list(q),

    'devices.get': (q) => s.devices.get(q),

    'devices.profiles': () => ({ profiles: s.profiles.list() }),

    'devices.register': (q) => {
      const device = s.profiles.register(q);
      return s.devices.get({ id: device.id }).device;
    },

    'devices.setLimits': (q) => {
      const limits = s.profiles.setLimits(q.point, q.limits);
      return { point: q.point, limits, override: s.profiles.override(q.point) };
    },
  };
}
