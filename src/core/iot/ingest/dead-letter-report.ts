import type { MethodOutput, MethodParams } from '../../../shared/contract';
import { DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import type { DeadLetterTable } from '../../db/dead-letters';
import type { Ingest } from './ingest';

/** Refused messages as the operator reads them: the kept rows, and per reason the count since start and in the table. */
export class DeadLetterReport {
  constructor(
    private readonly table: DeadLetterTable,
    private readonly ingest: Pick<Ingest, 'counters' | 'deadLettersUnrecorded'>,
  ) {}

  read(q: MethodParams<'ingest.deadLetters'>): MethodOutput<'ingest.deadLetters'> {
    const { entries, more } = this.table.list(q);
    const inTable = this.table.countByReason();
    const sinceStart = this.ingest.counters.deadLettered;
    const counts = DeadLetterReason.options
      .map((reason) => ({ reason, sinceStart: sinceStart[reason] ?? 0, inTable: inTable.get(reason) ?? 0 }))
      .filter((c) => c.sinceStart > 0 || c.inTable > 0)
      .sort((a, b) => b.sinceStart + b.inTable - (a.sinceStart + a.inTable));
    return { entries, more, counts, unrecorded: this.ingest.deadLettersUnrecorded, capacity: this.table.capacity };
  }
}
