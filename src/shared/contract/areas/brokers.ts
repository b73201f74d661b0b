import { engineers, everyone } from '../../roles';
import { area, method } from '../define';
import {
  BrokerEntry,
  BrokerIdInput,
  BrokerSaveInput,
  BrokersListOutput,
  BrokerTestInput,
  BrokerTestResult,
  MappingPreviewInput,
  MappingPreviewOutput,
} from '../schemas/brokers';
import { NoInput, Ok } from '../schemas/common';

export const brokersArea = area({
  permissions: {
    'brokers:read': { summary: 'See the broker links and their settings (never a password).', roles: everyone },
    'brokers:write': { summary: 'Add, change, test and remove broker links and their mappings.', roles: engineers },
  },
  methods: {
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
  },
});
