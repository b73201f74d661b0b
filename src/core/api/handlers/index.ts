import type { AreaName } from '../../../shared/contract';
import type { UnionToIntersection } from '../../../shared/type-utils';
import type { AreaHandlers, Handlers } from '../dispatcher';
import { brokerHandlers } from './brokers';
import { deviceHandlers } from './devices';
import { eventHandlers } from './events';
import { historyHandlers } from './history';
import { ingestHandlers } from './ingest';
import { pointHandlers } from './points';
import { spaceHandlers } from './spaces';
import { storageHandlers } from './storage';
import { systemHandlers } from './system';

/**
 * One handler file per contract area, listed here once. Each declares the narrow services it needs;
 * the type check fails when an area has no entry here or its file misses one of its methods.
 */
const areaHandlers = {
  system: systemHandlers,
  points: pointHandlers,
  spaces: spaceHandlers,
  history: historyHandlers,
  ingest: ingestHandlers,
  brokers: brokerHandlers,
  devices: deviceHandlers,
  storage: storageHandlers,
} satisfies { [A in AreaName]: (services: never) => AreaHandlers<A> };

type Factory = (typeof areaHandlers)[AreaName];
/** Everything the handlers need, as the union of what each area's file declares. */
export type Services = UnionToIntersection<Parameters<Factory>[0]>;

export function createHandlers(services: Services): Handlers {
  const table: Partial<Handlers> = eventHandlers();
  for (const factory of Object.values(areaHandlers) as ((s: Services) => Partial<Handlers>)[]) Object.assign(table, factory(services));
  return table as Handlers;
}
