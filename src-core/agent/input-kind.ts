// Tells what kind of traffic file the simulator was given, by content, not by name: a capture (pcap or
// pcapng magic), a Zeek conn.log (TSV headers or JSON with Zeek's field names) or an NDJSON event script.
import { captureFormatOf } from '../traffic/trace-reader';
import { cannotOpenMessage, readInputPrefix } from '../util/input-file';

export type InputKind = 'pcap' | 'pcapng' | 'conn-log' | 'event-script';

export type KindResult = { kind: InputKind } | { error: string };

const SNIFF_BYTES = 64 * 1024;

/** Reads the first 64 KiB of `path` and decides; an unreadable or unrecognised file is an error naming it. */
export function detectInputKind(path: string): KindResult {
  let head: Buffer;
  try {
    // Latin-1 keeps every byte as one character, so the magic number survives the round trip.
    head = Buffer.from(readInputPrefix(path, SNIFF_BYTES, 'latin1'), 'latin1');
  } catch (err) {
    return { error: cannotOpenMessage(path, err) };
  }
  if (head.length === 0) return { error: `${path}: empty file, not a capture, conn.log or event script` };
  const capture = captureFormatOf(head.subarray(0, 4));
  if (capture) return { kind: capture };
  const kind = kindOfText(head.toString('utf8'));
  return kind ? { kind } : { error: `${path}: not a pcap/pcapng capture, a Zeek conn.log or an NDJSON event script (looked at the first lines)` };
}

/** The kind a text file's first meaningful line shows, or undefined. Exported for tests. */
export function kindOfText(text: string): 'conn-log' | 'event-script' | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    // Zeek's TSV header lines; event scripts may have '#' comments too, so only these names count.
    if (/^#(separator|fields|types|path|set_separator|unset_field|empty_field|open)\b/.test(line)) return 'conn-log';
    if (line.startsWith('#')) continue;
    if (line.startsWith('//')) return 'event-script';
    if (line.startsWith('{')) {
      let o: unknown;
      try {
        o = JSON.parse(line);
      } catch {
        return undefined;
      }
      if (!o || typeof o !== 'object') return undefined;
      const keys = o as Record<string, unknown>;
      if ('id.orig_h' in keys || 'uid' in keys) return 'conn-log';
      if ('type' in keys || 'start' in keys || 't' in keys) return 'event-script';
      return undefined;
    }
    // A TSV conn.log without headers: Zeek's default columns, tab-separated.
    if (line.split('\t').length >= 6) return 'conn-log';
    return undefined;
  }
  return undefined;
}
