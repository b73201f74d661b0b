import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { DemoBuilding } from './building';
import { jsonDeviceSink, type DeviceSink } from './simulator/json-devices';
import { publishSchedule } from './simulator/publish-schedule';
import { hash, randomSequence } from './simulator/random';
import { readout } from './simulator/sensor-readout';
import { SimClock } from './simulator/sim-clock';
import { Simulation } from './simulator/simulation';

export interface SimulatorOptions {
  brokerUrl: string;
  /** Simulated seconds per real second. */
  speed: number;
  /** Seconds between two publications of each device. */
  publishIntervalS: number;
}

export interface RunningSimulator {
  /** Stops publishing, clears the timers and closes the MQTT connection. */
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 10_000;
const RECONNECT_MS = 1000;
const CH_NOISE = 31;

/**
 * Runs the demo building and publishes its devices to a broker over MQTT, as real devices would.
 *
 * Readings are stamped with the real time of publication: at speed 1 that is the simulated
 * time; faster, the simulated days pass in compressed real time, and the core (which refuses
 * timestamps from the future) stores them as a time-lapse.
 */
export async function startSimulator(b: DemoBuilding, o: SimulatorOptions): Promise<RunningSimulator> {
  const clock = new SimClock(Date.now(), o.speed);
  const schedule = publishSchedule(b.devices.length, o.publishIntervalS);
  const simulation = new Simulation(b, clock.now());
  const noise = randomSequence(hash(b.seed, CH_NOISE));

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
  // Every device speaks JSON today; this is where some could be handed to another protocol.
  const sink: DeviceSink = jsonDeviceSink(client);

  let tick = 0;
  const publishDue = () => {
    simulation.advanceTo(clock.now());
    if (!client.connected) return;
    const ts = Date.now();
    for (const i of schedule.devicesAt(tick)) {
      const device = b.devices[i]!;
      const truth = simulation.deviceValues(device);
      const values: Record<string, number | boolean> = {};
      for (const p of device.points) values[p.name] = readout(p, truth[p.name]!, noise);
      sink.publish(device, values, ts);
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
        await client.endAsync(true);
      })();
      return stopped;
    },
  };
}
