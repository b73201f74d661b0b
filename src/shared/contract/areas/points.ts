import { everyone } from '../../roles';
import { area, event, method } from '../define';
import { idsFilter } from '../filters';
import { PointsChanged, PointsLatestInput, PointsLatestOutput, PointsListInput, PointsListOutput, PointsUpdated } from '../schemas/points';

export const pointsArea = area({
  permissions: {
    'points:read': { summary: 'See points, their latest values and the building model.', roles: everyone },
  },
  methods: {
    'points.list': method({
      input: PointsListInput,
      output: PointsListOutput,
      permission: 'points:read',
      summary: 'Points of the site, filtered by device, space, tags or text.',
    }),
    'points.latest': method({
      input: PointsLatestInput,
      output: PointsLatestOutput,
      permission: 'points:read',
      summary: 'Latest value, time and quality of the given points (all points when `ids` is left out).',
    }),
  },
  events: {
    'points.changed': event({
      payload: PointsChanged,
      permission: 'points:read',
      summary: 'Latest value of each point that changed, coalesced: at most one notification every 50 ms. Filter: `{ ids }`.',
      filter: idsFilter(PointsChanged, 'values'),
      resync: {
        keys: (p) => p.values.map((v) => v.id),
        method: 'points.latest',
        params: (ids) => ({ ids }),
        payload: (result) => result as PointsChanged,
      },
    }),
    'points.updated': event({
      payload: PointsUpdated,
      permission: 'points:read',
      summary: 'Points added to the registry or whose description changed (name, unit, type, kind, space, tags), coalesced like `points.changed`. Filter: `{ ids }`.',
      filter: idsFilter(PointsUpdated, 'points'),
    }),
  },
});
