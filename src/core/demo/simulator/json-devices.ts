import type { MqttClient } from 'mqtt';
import { demoTopic, type DemoDevice } from '../building';

/** Where a device's readings go: JSON over MQTT here; the plant's go through a Sparkplug B edge node (sparkplug-plant.ts). */
export interface DeviceSink {
  publish(device: DemoDevice, values: Record<string, number | boolean>, ts: number): void;
}

/** The payload a JSON device sends: `{"value": 21.4, "ts": 1700000000000, "unit": "°C"}`. */
function jsonPayload(value: number | boolean, ts: number, unit: string | null): string {
  return JSON.stringify(unit === null ? { value, ts } : { value, ts, unit });
}

/** Publishes each point on its own topic, QoS 0, as simple field devices do. */
export function jsonDeviceSink(client: Pick<MqttClient, 'publish'>): DeviceSink {
  return {
    publish(device, values, ts) {
      for (const p of device.points) {
        const value = values[p.name];
        if (value === undefined) continue;
        client.publish(demoTopic(device.key, p.name), jsonPayload(value, ts, p.unit), { qos: 0 });
      }
    },
  };
}
