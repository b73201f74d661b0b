import type { Health } from '../../../shared/contract/schemas/system';
import type { DeadLetterTable } from '../../db/dead-letters';
import type { HistoryReader } from '../../db/history';
import type { StorageService } from '../../storage/storage';
import type { BrokerRegistry } from '../../iot/transport/broker-registry';
import type { DeviceDirectory } from '../../model/devices/device-directory';
import type { Ingest } from '../../iot/ingest/ingest';
import type { LatestValues } from '../../model/latest-values';
import type { DeviceProfiles } from '../../model/devices/profiles';
import type { Registry } from '../../model/registry';
import type { SpaceDirectory } from '../../model/spaces/spaces';

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
