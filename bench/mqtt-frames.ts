/**
 * Hand-built MQTT 3.1.1 frames for the flood publisher: building them by hand costs a fraction of
 * what a client library does, so the publisher is never what limits a benchmark.
 */

function remainingLength(n: number, out: Buffer, at: number): number {
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out[at++] = byte;
  } while (n > 0);
  return at;
}

export function connectFrame(clientId: string, keepaliveS = 60): Buffer {
  const id = Buffer.from(clientId);
  const body = Buffer.alloc(10 + 2 + id.length);
  body.write('\u0000\u0004MQTT', 0, 'latin1');
  body[6] = 4; // protocol level 3.1.1
  body[7] = 0x02; // clean session
  body.writeUInt16BE(keepaliveS, 8);
  body.writeUInt16BE(id.length, 10);
  id.copy(body, 12);
  const head = Buffer.alloc(5);
  head[0] = 0x10;
  const end = remainingLength(body.length, head, 1);
  return Buffer.concat([head.subarray(0, end), body]);
}

export const DISCONNECT = Buffer.from([0xe0, 0x00]);

/** Writes one QoS 0 PUBLISH into `out` at `at`; returns the new offset, or -1 when it does not fit. */
export function writePublish(out: Buffer, at: number, topic: string, payload: string): number {
  const topicLen = Buffer.byteLength(topic);
  const payloadLen = Buffer.byteLength(payload);
  const rest = 2 + topicLen + payloadLen;
  if (at + rest + 5 > out.length) return -1;
  out[at++] = 0x30;
  at = remainingLength(rest, out, at);
  out.writeUInt16BE(topicLen, at);
  at += 2;
  at += out.write(topic, at, 'latin1');
  at += out.write(payload, at, 'latin1');
  return at;
}
