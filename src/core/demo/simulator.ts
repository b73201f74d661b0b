import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { DemoBuilding, DemoDevice } from './building';
import { startSparkplugEdgeNode, type SparkplugEdgeNode } from './sparkplug-edge-node';
import { jsonDeviceSink, type DeviceSink } from './simulator/json-devices';
import { publishSchedule } from './simulator/publish-schedule';
import { hash, randomSequence } from './simulator/random';
import { readout } from './simulator/sensor-readout';
import { SimClock } from './simulator/sim-clock';
import { Simulation } from './simulator/simulation';
import { isPlantDevice, PLANT_EDGE_NODE, plantEdgeDevices } from './simulator/sparkplug-plant';

export interface SimulatorOptions {
  brokerUrl: string;
  /** Simulated seconds per real second. */
  speed: number;
  /** Seconds between two publications of each device. */
  publishIntervalS: number;
  /** The Sparkplug host application the plant's edge node waits for before its births; left out, it births at connect. */
  sparkplugHostId?: string;
}

export interface RunningSimulator {
  /** Stops publishing, clears the timers and closes the MQTT connections. */
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 10_000;
const RECONNECT_MS = 1000;
const CH_NOISE = 31;

/**
 * Runs the demo building and publishes its devices to a broker over MQTT, as real devices would:
 * the central plant through a Sparkplug B edge node (src/core/demo/sparkplug-edge-node.ts), every
 * other device as JSON on its own topics.
 *
 * Readings are stamped with the real time of publication: at speed 1 that is the simulated
 * time; faster, the simulated days pass in compressed real time, and the core (which refuses
 * timestamps from the future) stores them as a time-lapse.
 */
export async function startSimulator(b: DemoBuilding, o: SimulatorOptions): Promise<RunningSimulator> {
  const clock = new SimClock(Date.now(), o.speed);
  const jsonDevices = b.devices.filter((d) => !isPlantDevice(d));
  const schedule = publishSchedule(jsonDevices.length, o.publishIntervalS);
  const simulation = new Simulation(b, clock.now());
  const noise = randomSequence(hash(b.seed, CH_NOISE));
  /** What a device reports: the simulated truth as of the last tick, with its noise and resolution. */
  const reading = (device: DemoDevice): Record<string, number | boolean> => {
    const truth = simulation.deviceValues(device);
    const values: Record<string, number | boolean> = {};
    for (const p of device.points) values[p.name] = readout(p, truth[p.name]!, noise);
    return values;
  };

  let client: mqtt.MqttClient;
  try {
    client = await mqtt.connectAsync(
      o.brokerUrl,
      {
        clientId: `arxos-demo-${randomUUID().slice(0, 8)}`,
        clean: true,
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectPeriod: RECONNECT_MS,
        // A field device that loses its broker drops readings rather than hoarding them.
        queueQoSZero: false,
      },
      false,
    );
  } catch (err) {
    throw new Error(`the demo simulator cannot connect to ${o.brokerUrl}: ${(err as Error).message}`);
  }
  // Connection errors after the first connect are retried by the client; there is nothing else to do.
  client.on('error', () => {});
  const sink: DeviceSink = jsonDeviceSink(client);

  let edge: SparkplugEdgeNode;
  try {
    edge = await startSparkplugEdgeNode({
      brokerUrl: o.brokerUrl,
      groupId: b.key,
      edgeNodeId: PLANT_EDGE_NODE,
      devices: plantEdgeDevices(b, reading),
      publishIntervalMs: o.publishIntervalS * 1000,
      reconnectMs: RECONNECT_MS,
      ...(o.sparkplugHostId !== undefined ? { primaryHostId: o.sparkplugHostId } : {}),
      // Reconnects are the node's own business; what reaches here is a fault worth seeing (a bad command, a failing read).
      onError: (err) => console.error(`arxos demo: the plant's Sparkplug edge node: ${err.message}`),
    });
  } catch (err) {
    await client.endAsync(true);
    throw new Error(`the demo's Sparkplug edge node cannot connect to ${o.brokerUrl}: ${(err as Error).message}`);
  }

  let tick = 0;
  const publishDue = () => {
    simulation.advanceTo(clock.now());
    if (!client.connected) return;
    const ts = Date.now();
    for (const i of schedule.devicesAt(tick)) {
      const device = jsonDevices[i]!;
      sink.publish(device, reading(device), ts);
    }
  };
  publishDue();
  const timer = setInterval(() => {
    tick = (tick + 1) % schedule.slotCount;
    publishDue();
  }, schedule.slotMs);

  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await edge.stop();
        await client.endAsync(true);
      })();
      return stopped;
    },
  };
}
