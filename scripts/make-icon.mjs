// Draws media/icon.png (128 x 128): a shield over a chip on a dark tile, anti-aliased by 4x4 supersampling.
// Run once when the icon changes: node scripts/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128;
const S = 4;
const tile = [0x1b, 0x3a, 0x5c];
const shield = [0xf2, 0xf5, 0xf8];
const chip = [0x2e, 0x9e, 0x8f];

function inRoundedSquare(x, y) {
  const r = 22;
  const cx = Math.min(Math.max(x, r), N - r);
  const cy = Math.min(Math.max(y, r), N - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inShield(x, y, inset = 0) {
  const top = 20 + inset;
  const left = 30 + inset;
  const right = N - 30 - inset;
  const mid = N / 2;
  if (y < top || x < left || x > right) return false;
  if (y < 70) return true;
  // The lower half narrows to a point at y = 112 - inset.
  const t = (y - 70) / (112 - inset - 70);
  if (t > 1) return false;
  const half = (right - left) / 2 * Math.sqrt(1 - t * t);
  return Math.abs(x - mid) <= half;
}
function inChip(x, y) {
  const c = 64;
  const body = Math.abs(x - c) <= 15 && Math.abs(y - 62) <= 15;
  const pins = (Math.abs(y - 62) <= 19 && Math.abs(x - c) <= 11 && (Math.round((x - c + 11) / 5.5) % 2 === 0)) ||
    (Math.abs(x - c) <= 19 && Math.abs(y - 62) <= 11 && (Math.round((y - 62 + 11) / 5.5) % 2 === 0));
  return body || pins;
}

const raw = Buffer.alloc(N * (1 + N * 4));
for (let y = 0; y < N; y++) {
  raw[y * (1 + N * 4)] = 0;
  for (let x = 0; x < N; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const px = x + (sx + 0.5) / S;
      const py = y + (sy + 0.5) / S;
      if (!inRoundedSquare(px, py)) continue;
      let c = tile;
      if (inShield(px, py)) c = inShield(px, py, 6) ? (inChip(px, py) ? chip : tile) : shield;
      r += c[0]; g += c[1]; b += c[2]; a += 255;
    }
    const n = S * S;
    const o = y * (1 + N * 4) + 1 + x * 4;
    const cov = a / 255;
    raw[o] = cov ? Math.round(r / cov) : 0;
    raw[o + 1] = cov ? Math.round(g / cov) : 0;
    raw[o + 2] = cov ? Math.round(b / cov) : 0;
    raw[o + 3] = Math.round(a / n);
  }
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync('media/icon.png', png);
console.log(`wrote media/icon.png (${png.length} bytes)`);
