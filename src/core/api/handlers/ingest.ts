import { DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import type { Handlers } from '../dispatcher';
import type { Services } from './services';

export function ingestHandlers(s: Services): Pick<Handlers, 'ingest.deadLetters'> {
  return {
    'ingest.deadLetters': (q) => {
      const { entries, more } = s.deadLetters.list(q);
      const inTable = s.deadLetters.countByReason();
      const sinceStart = s.ingest.counters.deadLettered;
      const counts = DeadLetterReason.options
        .map((reason) => ({ reason, sinceStart: sinceStart[reason] ?? 0, inTable: inTable.get(reason) ?? 0 }))
        .filter((c) => c.sinceStart > 0 || c.inTable > 0)
        .sort((a, b) => b.sinceStart + b.inTable - (a.sinceStart + a.inTable));
      return { entries, more, counts, unrecorded: s.ingest.deadLettersUnrecorded, capacity: s.deadLetters.capacity };
    },
  };
}
