import type { BrokerConfig } from '../../shared/contract/schemas/brokers';
import type { PointSpec } from '../iot/registry';
import { startEmbeddedBroker } from './embedded-broker';
import { demoMapping, loadDemoBuilding } from './building';
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
  stop(): Promise<void>;
}

export const DEMO_LINK_ID = 'embedded';

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
    async stop() {
      await simulator.stop();
      await broker.stop();
    },
  };
}
