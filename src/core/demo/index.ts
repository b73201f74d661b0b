import type { BrokerConfig } from '../../shared/contract/schemas/brokers';
import type { SpaceModel } from '../../shared/contract/schemas/spaces';
import type { PointSpec } from '../model/registry';
import { startEmbeddedBroker } from './embedded-broker';
import { demoMapping, loadDemoBuilding, type DemoBuilding } from './building';
import { startSimulator } from './simulator';
import { DEMO_SPARKPLUG_HOST, demoSiteSpecs } from './simulator/sparkplug-plant';

export interface DemoOptions {
  /** Simulated seconds per real second. */
  speed: number;
  publishIntervalS: number;
}

/** The embedded default: a loopback broker and a simulated building publishing into it. */
export interface DemoSite {
  /** The link the core opens to the embedded broker, like any other broker. */
  broker: BrokerConfig;
  /** Points registered from the building model, so they carry kind, unit, tags and room. */
  points: PointSpec[];
  /** The building's storeys and spaces, registered as the model's `demo` source. */
  spaces: SpaceModel;
  stop(): Promise<void>;
}

export const DEMO_LINK_ID = 'embedded';
/** The source the demo building's storeys and spaces are written under. */
export const DEMO_MODEL_SOURCE = 'demo';

/** The demo building's levels and spaces as model rows; a level's id is its path, like a space's. */
export function demoSpaceModel(b: DemoBuilding): SpaceModel {
  return {
    storeys: b.levels.map((l) => ({
      id: `${b.key}/${l.key}`,
      name: l.name,
      elevationM: l.elevationM,
      heightM: l.heightM > 0 ? l.heightM : null,
      geometryRef: null,
    })),
    spaces: b.spaces.map((s) => ({
      id: s.id,
      name: s.name,
      use: s.kind,
      storeyId: `${b.key}/${s.level}`,
      parentId: null,
      areaM2: s.areaM2,
      footprint: s.footprint,
      geometryRef: null,
    })),
  };
}

export async function startDemoSite(options: DemoOptions): Promise<DemoSite> {
  const building = loadDemoBuilding();
  const broker = await startEmbeddedBroker();
  let simulator;
  try {
    simulator = await startSimulator(building, { brokerUrl: broker.url, sparkplugHostId: DEMO_SPARKPLUG_HOST, ...options });
  } catch (err) {
    await broker.stop();
    throw err;
  }
  return {
    broker: {
      id: DEMO_LINK_ID,
      name: 'Embedded broker (demo site)',
      url: broker.url,
      keepaliveS: 30,
      qos: 0,
      mappings: [demoMapping],
      // Every group, so that an external edge node publishing into the embedded broker is read too.
      sparkplug: { hostId: DEMO_SPARKPLUG_HOST },
      enabled: true,
    },
    points: demoSiteSpecs(building),
    spaces: demoSpaceModel(building),
    async stop() {
      await simulator.stop();
      await broker.stop();
    },
  };
}
