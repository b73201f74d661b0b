import type { Transport } from './connection';
import type { WireState } from './ws-wire';
import type { Tone } from '../components/StateDot';

/** The console link in words: a short `text` for the status bar, the `detail` for the banner and Settings. */
export function describeConnection(state: WireState, transport: Transport, now: number): { tone: Tone; text: string; detail: string | null } {
  const via = transport === 'ipc' ? 'desktop IPC' : 'WebSocket';
  switch (state.status) {
    case 'open':
      return { tone: 'good', text: `Connected (${via})`, detail: null };
    case 'connecting':
      return state.attempt === 0
        ? { tone: 'uncertain', text: 'Connecting…', detail: null }
        : { tone: 'uncertain', text: `Reconnecting (attempt ${state.attempt + 1})…`, detail: 'Reconnecting to the core…' };
    case 'waiting': {
      const s = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return { tone: 'bad', text: `Disconnected, retry in ${s} s`, detail: `Disconnected from the core (${state.reason}); trying again in ${s} s.` };
    }
    case 'refused':
      return { tone: 'bad', text: 'Disconnected', detail: `Disconnected from the core: ${state.reason}.` };
    case 'closed':
      return { tone: 'muted', text: 'Closed', detail: null };
  }
}
