import type { HistoryService } from '../../storage/history';
import type { AreaHandlers } from '../dispatcher';

export function historyHandlers(s: { history: HistoryService }): AreaHandlers<'history'> {
  return {
    'history.query': (q) => s.history.query(q),
  };
}
