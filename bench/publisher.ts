/**
 * The benchmark's device fleet, in its own process: `flood` sends N QoS 0 messages as fast as the
 * socket takes them; `paced` sends at a given rate with each message's publish time as its `ts`.
 * Devices `d0..d{devices-1}`, points `p0..p{points-1}`; topic `bench/<device>/<point>`.
 * Usage: publisher <flood|paced> <port> <count|rate> [durationS] [points]
 * Prints `sent <n>` when done.
 */
import net from 'node:net';
import { DISCONNECT, connectFrame, writePublish } from './mqtt-frames';

const [mode = 'flood', portArg = '1883', amountArg = '100000', durationArg = '10', pointsArg = '1000'] = process.argv.slice(2);
const port = Number(portArg);
const amount = Number(amountArg);
const points = Number(pointsArg);
const topics = Array.from({ length: points }, (_, i) => `bench/d${Math.floor(i / 10)}/p${i % 10}`);

const socket = net.connect(port, '127.0.0.1');
socket.setNoDelay(true);
await new Promise<void>((resolve, reject) => {
  socket.once('error', reject);
  socket.write(connectFrame(`bench-pub-${process.pid}`));
  socket.once('data', () => resolve()); // CONNACK
});
socket.on('data', () => undefined);

const drained = () => new Promise<void>((resolve) => socket.once('drain', () => resolve()));

/**
 * One frame per point, built once: `{"value":1VV.V,"ts":TTTTTTTTTTTTT}` (values 100.0 to 199.9,
 * no leading zero, so always valid JSON). Per message only the digits are patched, so the
 * publisher costs next to nothing beside the broker and the core.
 */
const templates = topics.map((topic) => {
  const frame = Buffer.alloc(256);
  const end = writePublish(frame, 0, topic, '{"value":100.0,"ts":0000000000000}');
  return frame.subarray(0, end);
});
const frameLen = (i: number) => templates[i % points]!.length;

function writeDigits(buf: Buffer, end: number, value: number, width: number): void {
  for (let k = 1; k <= width; k++) {
    buf[end - k] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
}

/** Copies message `i`'s frame into `buf` at `at` with its value and time; returns the new offset. */
function put(buf: Buffer, at: number, i: number, ts: number): number {
  const t = templates[i % points]!;
  t.copy(buf, at);
  const end = at + t.length;
  writeDigits(buf, end - 1, ts, 13); // before the closing brace
  // "1VV.V" sits before `,"ts":` (6 bytes), the 13 time digits and the brace.
  const v = i % 997;
  const vEnd = end - 1 - 13 - 6;
  buf[vEnd - 1] = 48 + (v % 10);
  writeDigits(buf, vEnd - 2, Math.floor(v / 10), 2);
  return end;
}

const buf = Buffer.alloc(256 * 1024);
let sent = 0;

if (mode === 'flood') {
  // One message per point per round; the round is the millisecond offset of the sample time, so no
  // two messages of a point share a time and none is a duplicate.
  const t0 = Date.now() - 60_000;
  while (sent < amount) {
    let at = 0;
    while (sent < amount && at + frameLen(sent) <= buf.length) {
      at = put(buf, at, sent, t0 + Math.floor(sent / points));
      sent++;
    }
    if (!socket.write(Buffer.from(buf.subarray(0, at)))) await drained();
  }
} else {
  const perTick = Math.max(1, Math.round(amount / 100));
  const end = Date.now() + Number(durationArg) * 1000;
  let next = Date.now();
  while (Date.now() < end) {
    let at = 0;
    const ts = Date.now();
    for (let k = 0; k < perTick; k++, sent++) at = put(buf, at, sent, ts);
    socket.write(Buffer.from(buf.subarray(0, at)));
    next += 10;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
}
socket.end(DISCONNECT);
await new Promise((r) => socket.once('close', r));
console.log(`sent ${sent}`);
