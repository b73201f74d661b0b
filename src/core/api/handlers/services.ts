import type { Health } from '../../../shared/contract/schemas/system';
import type { HistoryReader } from '../../db/history';
import type { LatestValues } from '../../iot/latest-values';
import type { Registry } from '../../iot/registry';

/** What the handlers reach into: the core's services, built once by createCore. */
export interface Services {
  registry: Registry;
  latest: LatestValues;
  history: HistoryReader;
  health(): Health;
}
