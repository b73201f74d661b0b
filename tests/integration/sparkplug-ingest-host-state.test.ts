import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { startSparkplugEdgeNode, type SparkplugEdgeNode } from '../../src/core/demo/sparkplug-edge-node';
import { parseHostState, type HostState } from '../../src/core/iot/protocols/sparkplug/host-state';
import { recordedLink, type RecordedLink } from '../helpers/broker-links';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { waitFor } from '../helpers/wait-for';

/** The link as a Sparkplug host application: its STATE birth, its will when cut off, its goodbye when stopped. */
let broker: EmbeddedBroker;
let proxy: TcpProxy;
let watcher: MqttClient;
let edge: SparkplugEdgeNode;
let host: RecordedLink;
const states: HostState[] = [];
const nodeBirths: number[] = [];

beforeAll(async () => {
  broker = await startEmbeddedBroker();
  proxy = await startTcpProxy(broker.port);
  watcher = await mqtt.connectAsync(broker.url, { clientId: 'host-state-watcher' });
  watcher.on('message', (topic, payload) => {
    if (topic === 'spBv1.0/STATE/control-room') states.push(parseHostState(payload)!);
    if (topic === 'spBv1.0/site/NBIRTH/gw1') nodeBirths.push(states.length);
  });
  await watcher.subscribeAsync(['spBv1.0/STATE/control-room', 'spBv1.0/site/NBIRTH/gw1']);
  edge = await startSparkplugEdgeNode({
    brokerUrl: broker.url,
    groupId: 'site',
    edgeNodeId: 'gw1',
    primaryHostId: 'control-room',
    devices: [{ id: 'meter', read: () => ({ kWh: 1 }) }],
    publishIntervalMs: 50,
  });
});

afterAll(async () => {
  await edge.stop();
  await watcher.endAsync();
  await proxy.close();
  await broker.stop();
});

describe('a broker link with a Sparkplug host id', () => {
  it('waits to be announced before the edge node births, and the node births again each time the host comes back', async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(nodeBirths).toEqual([]);

    host = recordedLink({ url: `mqtt://127.0.0.1:${proxy.port}`, qos: 0, sparkplug: { hostId: 'control-room' } });
    host.start(['spBv1.0/site/#']);
    await waitFor(() => nodeBirths.length === 1, 10_000, 'the births for the host');
    expect(states).toEqual([{ online: true, timestamp: expect.any(Number) }]);

    // Cut off: the broker publishes the link's will, with the timestamp of the birth it ends.
    proxy.cut();
    await waitFor(() => states.length >= 3, 10_000, 'the will and the new birth');
    const [first, will, second] = states;
    expect(will).toEqual({ online: false, timestamp: first!.timestamp });
    expect(second!.online).toBe(true);
    expect(second!.timestamp).toBeGreaterThan(first!.timestamp);
    await waitFor(() => nodeBirths.length === 2, 10_000, 'the births for the host back online');
  });

  it('says goodbye itself when stopped', async () => {
    const last = states.at(-1)!;
    await host.link.stop();
    await waitFor(() => states.length > 0 && states.at(-1)!.online === false, 10_000, 'the offline state');
    expect(states.at(-1)).toEqual({ online: false, timestamp: last.timestamp });
  });
});
