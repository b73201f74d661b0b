import type { PointSpec } from '../../model/registry';
import type { EdgeDevice } from '../sparkplug-edge-node';
import { demoPointSpecs, type DemoBuilding, type DemoDevice } from '../building';

/**
 * The central plant is read through its PLC gateway, a Sparkplug B edge node, as plant often is;
 * every other device of the demo publishes JSON on its own topics.
 */
const PLANT_TYPES: ReadonlySet<DemoDevice['type']> = new Set(['chiller', 'boiler', 'electricity-meter', 'gas-meter']);

/** The edge node's id; its group is the building's key (`hq`). */
export const PLANT_EDGE_NODE = 'central-plant';
/** The Sparkplug host application the demo's broker link announces, and the edge node's primary host. */
export const DEMO_SPARKPLUG_HOST = 'arxos-control-room';

export function isPlantDevice(d: DemoDevice): boolean {
  return PLANT_TYPES.has(d.type);
}

/** The Sparkplug device id: the last level of the device key (`hq/roof/deck/chiller` → `chiller`). */
function sparkplugDeviceId(d: DemoDevice): string {
  return d.key.slice(d.key.lastIndexOf('/') + 1);
}

/** The device key the core gives a plant device: `<group>/<edge node>/<device id>`, as for any Sparkplug device. */
export function plantDeviceKey(b: DemoBuilding, d: DemoDevice): string {
  return `${b.key}/${PLANT_EDGE_NODE}/${sparkplugDeviceId(d)}`;
}

/** The plant devices as the edge node sees them: metrics named as the building's points, with their units. */
export function plantEdgeDevices(b: DemoBuilding, read: (d: DemoDevice) => Record<string, number | boolean>): EdgeDevice[] {
  return b.devices.filter(isPlantDevice).map((d) => {
    const units: Record<string, string> = {};
    for (const p of d.points) if (p.unit !== null) units[p.name] = p.unit;
    return { id: sparkplugDeviceId(d), read: () => read(d), units };
  });
}

/**
 * The building's point specs with the plant's points under the keys its Sparkplug messages give them,
 * so they are registered up front with their kind, unit, tags and room, like the JSON devices' points.
 */
export function demoSiteSpecs(b: DemoBuilding): PointSpec[] {
  const plant = new Map(b.devices.filter(isPlantDevice).map((d) => [d.key, plantDeviceKey(b, d)]));
  return demoPointSpecs(b).map((s) => {
    const deviceKey = plant.get(s.deviceKey);
    return deviceKey === undefined ? s : { ...s, key: deviceKey + s.key.slice(s.deviceKey.length), deviceKey };
  });
}
