import { errorText } from '../../../shared/errors';
import type { SampleBatch } from '../../db/samples';

/** One consumer of committed samples: acknowledgements, alarms, automation... */
export type Stage = (batch: SampleBatch) => void;

interface NamedStage {
  name: string;
  run: Stage;
  failures: number;
  lastError: string | null;
}

/**
 * The ingest's hand-off: after each batch is committed (the store is always first), the named stages
 * run in the order they were added. A stage never sees a batch whose commit failed: that batch is
 * still queued and comes later, once stored. Stages must not modify the batch, and read values through
 * usableSamples() (bad samples are in it, stored for the record). A stage that throws is counted and
 * logged; the commit stands and the stages after it still run.
 */
export class HandOff {
  private readonly stages: NamedStage[] = [];

  add(name: string, run: Stage): void {
    if (this.stages.some((s) => s.name === name)) throw new Error(`hand-off stage ${name} is already added`);
    this.stages.push({ name, run, failures: 0, lastError: null });
  }

  /** The stages in order, with their failures since start (for health). */
  get names(): string[] {
    return ['store', ...this.stages.map((s) => s.name)];
  }

  failures(): { stage: string; failures: number; lastError: string | null }[] {
    return this.stages.filter((s) => s.failures > 0).map((s) => ({ stage: s.name, failures: s.failures, lastError: s.lastError }));
  }

  run(batch: SampleBatch): void {
    for (const stage of this.stages) {
      try {
        stage.run(batch);
      } catch (err) {
        stage.failures++;
        stage.lastError = errorText(err);
        if (stage.failures === 1 || stage.failures % 1000 === 0) console.error(`arxos: hand-off stage ${stage.name} failed (${stage.failures}×): ${stage.lastError}`);
      }
    }
  }
}
