/** The state colours of the theme; a dot never stands alone, a word beside it says the same. */
export type Tone = 'good' | 'uncertain' | 'bad' | 'alarm' | 'muted';

export function StateDot({ tone }: { tone: Tone }) {
  return <span className={`dot tone-${tone}`} aria-hidden="true" />;
}
