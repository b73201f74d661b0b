import type { Health } from '../../shared/contract/schemas/system';
import type { Tone } from './StateDot';

/** The colour of a broker link's state, wherever a link is shown. */
export const linkTone: Record<Health['brokers'][number]['state'], Tone> = { up: 'good', connecting: 'uncertain', down: 'bad', stopped: 'muted' };
