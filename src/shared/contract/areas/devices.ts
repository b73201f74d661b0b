import { engineers, everyone } from '../../roles';
import { area, event, method } from '../define';
import { idsFilter } from '../filters';
import { NoInput } from '../schemas/common';
import {
  Device,
  DevicesChanged,
  DevicesGetInput,
  DevicesGetOutput,
  DevicesListInput,
  DevicesListOutput,
  DevicesProfilesOutput,
  DevicesRegisterInput,
  DevicesSetLimitsInput,
  DevicesSetLimitsOutput,
} from '../schemas/devices';

export const devicesArea = area({
  permissions: {
    'devices:read': { summary: 'See devices, their health and profiles.', roles: everyone },
    'devices:write': { summary: 'Register devices and set quality limits.', roles: engineers },
  },
  methods: {
    'devices.list': method({
      input: DevicesListInput,
      output: DevicesListOutput,
      permission: 'devices:read',
      summary: 'Devices with online state and why, last seen, message rate, quality over the last hour, battery and signal; filtered by text, online state, space, profile or quality.',
    }),
    'devices.get': method({
      input: DevicesGetInput,
      output: DevicesGetOutput,
      permission: 'devices:read',
      summary: 'One device (by id or key) with its profile and its points: latest values, quality over the last hour, and the quality limits in force.',
    }),
    'devices.profiles': method({
      input: NoInput,
      output: DevicesProfilesOutput,
      permission: 'devices:read',
      summary: 'The device profiles: templates of points with units, kinds, tags and limits, and the expected publish interval.',
    }),
    'devices.register': method({
      input: DevicesRegisterInput,
      output: Device,
      permission: 'devices:write',
      summary: "Registers a device from a profile: creates it and the profile's points (or brings existing ones in line), named and placed in a space.",
    }),
    'devices.setLimits': method({
      input: DevicesSetLimitsInput,
      output: DevicesSetLimitsOutput,
      permission: 'devices:write',
      summary: "Sets a point's own quality limits over its profile's and the built-in table (null removes them); returns the limits now in force.",
    }),
  },
  events: {
    'devices.changed': event({
      payload: DevicesChanged,
      permission: 'devices:read',
      summary: 'Devices whose state changed (online, reason, message rate, quality, battery, signal, points, profile), as `devices.list` items, at most once per health sweep (2 s). Filter: `{ ids }`.',
      filter: idsFilter(DevicesChanged, 'devices'),
    }),
  },
});
