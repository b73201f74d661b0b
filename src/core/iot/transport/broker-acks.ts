import type { HandOff } from '../ingest/hand-off';

/** What the acknowledgement policy needs of the ingest (src/core/iot/ingest/ingest.ts). */
export interface CommittingStore {
  /** Samples taken but not committed yet. */
  readonly queued: number;
  /** Commits what is pending now. */
  flush(): void;
  /** Runs its stages after each committed batch, never after a failed commit (whose samples stay queued for a retry). */
  readonly handOff: Pick<HandOff, 'add'>;
}

/**
 * QoS 1 acknowledgement after commit: `whenCommitted(done)` calls `done` once everything the store has
 * taken so far is in the database, so a message is only acknowledged to the broker when losing the app
 * can no longer lose it; the broker keeps and redelivers whatever is not acknowledged.
 *
 * mqtt.js hands a link its next message only after the previous one is acknowledged, so a link waits
 * here once per message; the commit is therefore requested at once (next turn of the event loop, so
 * messages of other links join it) rather than after the store's batch interval.
 */
export function ackAfterCommit(store: CommittingStore): (done: () => void) => void {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  store.handOff.add('acknowledge', () => {
    // Samples still queued (a later batch of the same flush failed) may be what a waiting message carried.
    if (store.queued > 0) return;
    for (const done of waiting.splice(0)) done();
  });
  return (done) => {
    // Nothing pending: what the message carried is committed already, or was not for the samples table.
    if (store.queued === 0) {
      done();
      return;
    }
    waiting.push(done);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      store.flush();
    });
  };
}
