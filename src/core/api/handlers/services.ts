import type { Health } from '../../../shared/contract/schemas/system';
import type { DeadLetterTable } from '../../db/dead-letters';
import type { HistoryReader } from '../../db/history';
import type { StorageService } from '../../db/storage';
import type { BrokerRegistry } from '../../iot/broker-registry';
import type { DeviceDirectory } from '../../iot/device-directory';
import type { Ingest } from '../../iot/ingest';
import type { LatestValues } from '../../iot/latest-values';
import type { DeviceProfiles } from '../../iot/profiles';
import type { Registry } from '../../iot/registry';
import type { SpaceDirectory } from '../../model/spaces';

/** What the handlers reach into: the core's services, built once by createCore. */
export interface Services {
  registry: Registry;
  spaces: SpaceDirectory;
  latest: LatestValues;
  history: HistoryReader;
  storage: StorageService;
  brokers: BrokerRegistry;
  devices: DeviceDirectory;
  profiles: DeviceProfiles;
  ingest: Ingest;
  deadLetters: DeadLetterTable;
  health(): Health;
}
