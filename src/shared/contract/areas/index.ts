import { brokersArea } from './brokers';
import { devicesArea } from './devices';
import { historyArea } from './history';
import { ingestArea } from './ingest';
import { pointsArea } from './points';
import { spacesArea } from './spaces';
import { storageArea } from './storage';
import { systemArea } from './system';

/** Every area of the contract. A new area is one file in this folder and one line here. */
export const areas = {
  system: systemArea,
  points: pointsArea,
  spaces: spacesArea,
  history: historyArea,
  ingest: ingestArea,
  brokers: brokersArea,
  devices: devicesArea,
  storage: storageArea,
};
