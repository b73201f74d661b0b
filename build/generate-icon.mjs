// Draws the application icon (build/icon.png, 1024x1024) from a few shapes, so the icon has a
// source that can be changed and regenerated: `node build/generate-icon.mjs`. electron-builder
// derives the Windows .ico, the macOS .icns and the Linux sizes from this one PNG.
import { Buffer } from 'node:buffer';
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 1024;
/** Samples per pixel along each axis, for anti-aliased edges. */
const AA = 4;

/** Signed distance to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x, y, cx, cy, halfW, halfH, r) {
  const qx = Math.abs(x - cx) - halfW + r;
  const qy = Math.abs(y - cy) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a ring of radius `radius` and half-thickness `half`, kept to the upper quarter (a signal arc). */
function arc(x, y, cx, cy, radius, half) {
  const dx = x - cx;
  const dy = cy - y;
  const ring = Math.abs(Math.hypot(dx, dy) - radius) - half;
  const inSector = dy > 0 && Math.abs(dx) < dy;
  return inSector ? ring : Infinity;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const layers = [
  // Storeys of the building, narrowing upwards.
  { colour: rgb('#0ea5b7'), dist: (x, y) => roundedRect(x, y, 0.5, 0.745, 0.3, 0.055, 0.02) },
  { colour: rgb('#14b8a6'), dist: (x, y) => roundedRect(x, y, 0.5, 0.625, 0.25, 0.055, 0.02) },
  { colour: rgb('#34d399'), dist: (x, y) => roundedRect(x, y, 0.5, 0.505, 0.2, 0.055, 0.02) },
  // Live data rising from the roof.
  { colour: rgb('#e6edf3'), dist: (x, y) => Math.hypot(x - 0.5, y - 0.37) - 0.032 },
  { colour: rgb('#e6edf3'), dist: (x, y) => arc(x, y, 0.5, 0.37, 0.1, 0.018) },
  { colour: rgb('#e6edf3'), dist: (x, y) => arc(x, y, 0.5, 0.37, 0.17, 0.018) },
];
const top = rgb('#1b2a3a');
const bottom = rgb('#0b1118');

function shade(x, y) {
  const inside = roundedRect(x, y, 0.5, 0.5, 0.5, 0.5, 0.2) <= 0;
  if (!inside) return [0, 0, 0, 0];
  let c = top.map((t, i) => t + (bottom[i] - t) * y);
  for (const layer of layers) if (layer.dist(x, y) <= 0) c = layer.colour;
  return [...c, 255];
}

function render() {
  const rgba = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    rgba[row] = 0; // PNG filter: none
    for (let px = 0; px < SIZE; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < AA; sy++) {
        for (let sx = 0; sx < AA; sx++) {
          const s = shade((px + (sx + 0.5) / AA) / SIZE, (py + (sy + 0.5) / AA) / SIZE);
          // Premultiplied, so transparent corner samples do not darken the edge.
          for (let i = 0; i < 3; i++) acc[i] += (s[i] * s[3]) / 255;
          acc[3] += s[3];
        }
      }
      const n = AA * AA;
      const alpha = acc[3] / n;
      const o = row + 1 + px * 4;
      for (let i = 0; i < 3; i++) rgba[o + i] = alpha > 0 ? Math.round((acc[i] / n) * (255 / alpha)) : 0;
      rgba[o + 3] = Math.round(alpha);
    }
  }
  return rgba;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(zlib.crc32(body), body.length + 4);
  return out;
}

function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
fs.writeFileSync(out, iconPng());
console.log(`wrote ${out}`);
