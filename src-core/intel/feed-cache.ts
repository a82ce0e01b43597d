// A cache of loaded feeds: the indicator set a list of feeds builds, saved as typed arrays in one file keyed
// by the feeds' paths, sizes and modification times (and the tool's version), so the next run with the same
// feeds reads it back in milliseconds instead of parsing millions of lines again. A cache file that is
// missing, stale, truncated or not ours is ignored (and rewritten); the feeds are then read as usual.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndicatorSet, type IndicatorSnapshot } from './indicator-set';
import type { FeedSpec, LoadedFeeds } from './indicator-loader';
import type { FeedIssue } from './feed-types';

const MAGIC = 'MASFEED3';
/** Cache files kept; older ones are removed when a new one is written. */
const KEEP = 8;

type Arr = Uint32Array | Int32Array | Uint16Array | Uint8Array;
const KINDS = { u32: Uint32Array, i32: Int32Array, u16: Uint16Array, u8: Uint8Array } as const;
type Kind = keyof typeof KINDS;

interface Header {
  snapshot: Omit<IndicatorSnapshot, 'v4' | 'v6'> & { v4: Record<string, unknown>; v6: Record<string, unknown> };
  arrays: [path: string, kind: Kind, offset: number, length: number][];
  feeds: { usable: number; dropped: number; skipped: number; format: string; issues: FeedIssue[] }[];
}

/** The file a set of feeds caches to, or undefined when a feed cannot be stat'ed (it is then read, and errs, as usual). */
export function feedCacheFile(dir: string, specs: readonly FeedSpec[], version: string): string | undefined {
  const h = createHash('sha256').update(`${MAGIC}\0${version}`);
  for (const s of specs) {
    try {
      const st = statSync(s.path);
      if (!st.isFile()) return undefined;
      h.update(`\0${s.path}\0${s.format ?? 'auto'}\0${s.name ?? ''}\0${st.size}\0${st.mtimeMs}\0${st.ino}`);
    } catch {
      return undefined;
    }
  }
  return join(dir, `${h.digest('hex').slice(0, 32)}.feeds`);
}

function kindOf(a: Arr): Kind {
  return a instanceof Uint32Array ? 'u32' : a instanceof Int32Array ? 'i32' : a instanceof Uint16Array ? 'u16' : 'u8';
}

export function encodeFeeds(loaded: LoadedFeeds): Buffer {
  const snap = loaded.set.snapshot();
  const arrays: { path: string; data: Arr }[] = [];
  const split = (part: 'v4' | 'v6') => {
    const plain: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(snap[part])) {
      if (ArrayBuffer.isView(v)) arrays.push({ path: `${part}.${k}`, data: v as Arr });
      else plain[k] = v;
    }
    return plain;
  };
  const header: Header = {
    snapshot: { feeds: snap.feeds, domains: snap.domains, domainDuplicates: snap.domainDuplicates, v4: split('v4'), v6: split('v6') },
    arrays: [],
    feeds: loaded.feeds.map((f) => ({ usable: f.result?.usable ?? 0, dropped: f.result?.dropped ?? 0, skipped: f.result?.skipped ?? 0, format: f.result?.format ?? 'list', issues: f.result?.issues ?? [] })),
  };
  let offset = 0;
  for (const a of arrays) {
    header.arrays.push([a.path, kindOf(a.data), offset, a.data.length]);
    offset += Math.ceil(a.data.byteLength / 8) * 8;
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Math.ceil((MAGIC.length + 4 + json.length) / 8) * 8;
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  for (const [i, a] of arrays.entries()) {
    const at = start + header.arrays[i][2];
    Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).copy(out, at);
  }
  return out;
}

/** The feeds back from a cache file's bytes, or undefined when they are not a whole, valid cache. */
export function decodeFeeds(buf: Buffer, specs: readonly FeedSpec[]): LoadedFeeds | undefined {
  try {
    if (buf.length < MAGIC.length + 4 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const len = buf.readUInt32LE(MAGIC.length);
    if (MAGIC.length + 4 + len > buf.length) return undefined;
    const header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + len)) as Header;
    if (!Array.isArray(header.arrays) || !Array.isArray(header.feeds) || header.feeds.length !== specs.length) return undefined;
    const start = Math.ceil((MAGIC.length + 4 + len) / 8) * 8;
    // Views on the file's buffer where it is 8-aligned (as a buffer read whole is): no copy of tens of MB;
    // copies into arrays of their own otherwise (typed arrays need aligned offsets).
    const aligned = buf.byteOffset % 8 === 0;
    const parts: Record<'v4' | 'v6', Record<string, unknown>> = { v4: { ...header.snapshot.v4 }, v6: { ...header.snapshot.v6 } };
    for (const [path, kind, offset, length] of header.arrays) {
      const Ctor = KINDS[kind];
      const [part, key] = path.split('.') as ['v4' | 'v6', string];
      if (!Ctor || !parts[part] || !key) return undefined;
      const bytes = length * Ctor.BYTES_PER_ELEMENT;
      if (start + offset + bytes > buf.length) return undefined;
      if (aligned) parts[part][key] = new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + start + offset, length);
      else {
        const arr = new Ctor(length);
        new Uint8Array(arr.buffer).set(buf.subarray(start + offset, start + offset + bytes));
        parts[part][key] = arr;
      }
    }
    const snapshot = { ...header.snapshot, v4: parts.v4, v6: parts.v6 } as unknown as IndicatorSnapshot;
    return {
      set: IndicatorSet.fromSnapshot(snapshot),
      feeds: specs.map((spec, i) => {
        const f = header.feeds[i];
        return { spec, result: { format: f.format as 'list', entries: [], issues: f.issues, skipped: f.skipped, dropped: f.dropped, usable: f.usable } };
      }),
    };
  } catch {
    return undefined;
  }
}

/** Reads the cache for `specs` from `dir`, or runs `load` and writes its result there (when it had no error). */
export function withFeedCache(dir: string, specs: readonly FeedSpec[], version: string, load: () => LoadedFeeds): LoadedFeeds & { fromCache: boolean } {
  const file = feedCacheFile(dir, specs, version);
  if (file) {
    let buf: Buffer | undefined;
    try {
      buf = readFileSync(file);
    } catch {
      buf = undefined;
    }
    const cached = buf && decodeFeeds(buf, specs);
    if (cached) return { ...cached, fromCache: true };
  }
  const loaded = load();
  if (file && loaded.feeds.every((f) => !f.error)) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, encodeFeeds(loaded));
      renameSync(tmp, file);
      prune(dir);
    } catch {
      // A cache that cannot be written only costs the next run its time.
    }
  }
  return { ...loaded, fromCache: false };
}

function prune(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.feeds')).map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP)) unlinkSync(join(dir, f));
}
