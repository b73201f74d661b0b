import mqtt, { type MqttClient } from 'mqtt';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import type { Core } from '../../src/core/host';
import type { BrokerConfigInput } from '../../src/shared/contract/schemas/brokers';
import type { LatestValue } from '../../src/shared/contract/schemas/points';
import { admin, startTempCore } from './temp-core';
import { waitFor } from './wait-for';

/** A real core whose one broker link reads JSON from an in-process aedes broker, with a device client on that broker. */
export interface CoreOnBroker {
  broker: EmbeddedBroker;
  core: Core;
  /** The core's data dir. */
  dir: string;
  /** An MQTT client on the broker, to publish as the devices do. */
  device: MqttClient;
  /** The latest value of the point with this key; undefined before the point is known. */
  latestOf(key: string): Promise<LatestValue | undefined>;
  /** Disconnects the device, stops the core (removing its dir) and the broker. */
  close(): Promise<void>;
}

/** Starts it all and waits for the link to be up; `link` is the broker link's settings but its URL (id `site`, QoS 0 unless given). */
export async function startCoreOnBroker(link: Omit<Partial<BrokerConfigInput>, 'url'> & Pick<Required<BrokerConfigInput>, 'mappings'>): Promise<CoreOnBroker> {
  const broker = await startEmbeddedBroker();
  // Stopped in reverse order of start, at close or when a later step of the start fails.
  const stops: (() => Promise<void>)[] = [() => broker.stop()];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const env = await startTempCore({ brokers: [{ id: 'site', name: 'Site broker', qos: 0, ...link, url: broker.url }] });
    stops.push(() => env.close());
    const device = await mqtt.connectAsync(broker.url);
    stops.push(() => device.endAsync());
    await waitFor(() => env.core.health().brokers[0]?.state === 'up');
    return {
      broker,
      core: env.core,
      dir: env.dir,
      device,
      async latestOf(key) {
        const { points } = await env.core.call(admin, 'points.list', { text: key });
        const point = points.find((p) => p.key === key);
        if (!point) return undefined;
        const { values } = await env.core.call(admin, 'points.latest', { ids: [point.id] });
        return values[0];
      },
      close: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
