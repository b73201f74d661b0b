import type { MqttClient, Packet } from 'mqtt';

/** The one mqtt.js internal the gate relies on: the method every outgoing packet goes through. */
interface PacketSender {
  _sendPacket(packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]): void;
}

export interface PubackGate {
  /**
   * Sends the PUBACKs held so far once `whenCommitted` says everything taken is committed. One wait
   * at a time: a commit that finds nothing queued covers every message taken before it.
   */
  releaseAfter(whenCommitted: (done: () => void) => void): void;
}

/**
 * mqtt.js reads a connection's next packet only once the PUBACK of a QoS 1 message is sent, so
 * acknowledging after commit by delaying the PUBACK would take one message per commit. The gate
 * lets mqtt.js go on at once and holds the PUBACK packets themselves until `release()` (called
 * after the commit): the broker keeps each message until its PUBACK, and redelivers what a
 * closed connection left unacknowledged. Returns null where this mqtt.js has no such method
 * (the link then acknowledges one commit at a time).
 */
export function installPubackGate(client: MqttClient): PubackGate | null {
  const sender = client as unknown as PacketSender;
  if (typeof sender._sendPacket !== 'function') return null;
  const send = sender._sendPacket.bind(client);
  let held: Packet[] = [];
  sender._sendPacket = (packet, cb, ...rest) => {
    if (packet.cmd !== 'puback') {
      send(packet, cb, ...rest);
      return;
    }
    held.push(packet);
    cb?.();
  };
  let waiting = false;
  const release = (): void => {
    waiting = false;
    if (held.length === 0 || !client.connected) return;
    const out = held;
    held = [];
    for (const p of out) send(p);
  };
  return {
    releaseAfter(whenCommitted) {
      if (waiting) return;
      waiting = true;
      whenCommitted(release);
    },
  };
}
