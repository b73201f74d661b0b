import type { DeadLetterReport } from '../../iot/ingest/dead-letter-report';
import type { AreaHandlers } from '../dispatcher';

export function ingestHandlers(s: { deadLetters: DeadLetterReport }): AreaHandlers<'ingest'> {
  return {
    'ingest.deadLetters': (q) => s.deadLetters.read(q),
  };
}
