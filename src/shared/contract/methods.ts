import { method } from './define';
import { eventNames } from './events';
import { NoInput, Ok } from './schemas/common';
import { SubscribeInput, SubscriptionState, UnsubscribeInput } from './schemas/events';
import {
  BrokerEntry,
  BrokerIdInput,
  BrokerSaveInput,
  BrokersListOutput,
  BrokerTestInput,
  BrokerTestResult,
  MappingPreviewInput,
  MappingPreviewOutput,
} from './schemas/brokers';
import {
  Device,
  DevicesGetInput,
  DevicesGetOutput,
  DevicesListInput,
  DevicesListOutput,
  DevicesProfilesOutput,
  DevicesRegisterInput,
  DevicesSetLimitsInput,
  DevicesSetLimitsOutput,
} from './schemas/devices';
import { HistoryQueryInput, HistoryQueryOutput } from './schemas/history';
import { DeadLettersInput, DeadLettersOutput } from './schemas/ingest';
import { PointsLatestInput, PointsLatestOutput, PointsListInput, PointsListOutput } from './schemas/points';
import { SpacesGetInput, SpacesGetOutput, SpacesListInput, SpacesListOutput } from './schemas/spaces';
import { StoragePurgeInput, StoragePurgeOutput, StorageUsage, StorageUsageInput } from './schemas/storage';
import { Health } from './schemas/system';

/** Every call of the contract. Names are `area.verb`; inputs are parsed before a handler runs. */
export const methods = {
  'system.health': method({
    input: NoInput,
    output: Health,
    permission: 'system:read',
    summary: 'Version, uptime, broker links and their state, ingest counters and rate, database size.',
  }),
  'points.list': method({
    input: PointsListInput,
    output: PointsListOutput,
    permission: 'points:read',
    summary: 'Points of the site, filtered by device, space, tags or text.',
  }),
  'points.latest': method({
    input: PointsLatestInput,
    output: PointsLatestOutput,
    permission: 'points:read',
    summary: 'Latest value, time and quality of the given points (all points when `ids` is left out).',
  }),
  'spaces.list': method({
    input: SpacesListInput,
    output: SpacesListOutput,
    permission: 'points:read',
    summary: 'Storeys (name, elevation, order) and spaces (name, use, storey, area, point and device counts) of the building model; spaces that points name but the model does not know are listed too, named by their id, with `known: false`.',
  }),
  'spaces.get': method({
    input: SpacesGetInput,
    output: SpacesGetOutput,
    permission: 'points:read',
    summary: 'One space with its storey, footprint and geometry reference, the ids of its points and its devices.',
  }),
  'history.query': method({
    input: HistoryQueryInput,
    output: HistoryQueryOutput,
    permission: 'history:read',
    summary: 'History of one point between two times, at most `maxPoints` buckets, read from raw samples or rollups.',
  }),
  'ingest.deadLetters': method({
    input: DeadLettersInput,
    output: DeadLettersOutput,
    permission: 'ingest:read',
    summary: 'Refused messages, newest first, with reason, topic, link and raw bytes (base64), and the counts per reason.',
  }),
  'brokers.list': method({
    input: NoInput,
    output: BrokersListOutput,
    permission: 'brokers:read',
    summary: 'Every broker link: its settings (never the password: `hasPassword` instead), where they come from (file, saved, embedded) and the link state.',
  }),
  'brokers.save': method({
    input: BrokerSaveInput,
    output: BrokerEntry,
    permission: 'brokers:write',
    summary: 'Creates or replaces a saved broker link by id and (re)starts it at once. A left-out password keeps the stored one; null or "" removes it.',
  }),
  'brokers.remove': method({
    input: BrokerIdInput,
    output: Ok,
    permission: 'brokers:write',
    summary: 'Stops a saved broker link, ends its session at the broker and deletes it.',
  }),
  'brokers.test': method({
    input: BrokerTestInput,
    output: BrokerTestResult,
    permission: 'brokers:write',
    summary: 'Connects to a broker (saved, or settings not yet saved) step by step and says in words what worked and what failed.',
  }),
  'brokers.previewMapping': method({
    input: MappingPreviewInput,
    output: MappingPreviewOutput,
    permission: 'brokers:read',
    summary: 'What a JSON mapping makes of a sample topic and payload: device, point keys, values, units and times, or why it would be refused.',
  }),
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
    summary: 'Registers a device from a profile: creates it and the profile\'s points (or brings existing ones in line), named and placed in a space.',
  }),
  'devices.setLimits': method({
    input: DevicesSetLimitsInput,
    output: DevicesSetLimitsOutput,
    permission: 'devices:write',
    summary: 'Sets a point\'s own quality limits over its profile\'s and the built-in table (null removes them); returns the limits now in force.',
  }),
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
  'events.subscribe': method({
    input: SubscribeInput(eventNames),
    output: SubscriptionState(eventNames),
    permission: 'system:read',
    summary: 'Start receiving the named events as notifications; adds to the current subscription.',
  }),
  'events.unsubscribe': method({
    input: UnsubscribeInput(eventNames),
    output: SubscriptionState(eventNames),
    permission: 'system:read',
    summary: 'Stop receiving the named events (all events when `events` is left out).',
  }),
};

export type MethodName = keyof typeof methods;
export const methodNames = Object.keys(methods) as [MethodName, ...MethodName[]];
