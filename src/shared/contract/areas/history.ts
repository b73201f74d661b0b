import { everyone } from '../../roles';
import { area, method } from '../define';
import { HistoryQueryInput, HistoryQueryOutput } from '../schemas/history';

export const historyArea = area({
  permissions: {
    'history:read': { summary: 'Read the stored history of points.', roles: everyone },
  },
  methods: {
    'history.query': method({
      input: HistoryQueryInput,
      output: HistoryQueryOutput,
      permission: 'history:read',
      summary: 'History of one point between two times, at most `maxPoints` buckets, read from raw samples or rollups.',
    }),
  },
});
