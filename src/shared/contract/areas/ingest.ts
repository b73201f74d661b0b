import { everyone } from '../../roles';
import { area, method } from '../define';
import { DeadLettersInput, DeadLettersOutput } from '../schemas/ingest';

export const ingestArea = area({
  permissions: {
    'ingest:read': { summary: 'See refused messages (dead letters) and why.', roles: everyone },
  },
  methods: {
    'ingest.deadLetters': method({
      input: DeadLettersInput,
      output: DeadLettersOutput,
      permission: 'ingest:read',
      summary: 'Refused messages, newest first, with reason, topic, link and raw bytes (base64), and the counts per reason.',
    }),
  },
});
