// File sizes as people write and read them: "16MB", "2 GiB", 1048576 (bytes). Units are binary (1 KB = 1024
// bytes), as file managers and `ls -h` show them.

const UNITS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** Bytes from a number of bytes or text such as "512KB", "16 MiB", "1.5G"; undefined when it is neither,
 *  or not a positive size. */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 && value <= Number.MAX_SAFE_INTEGER ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|(b)?)\s*$/i.exec(value);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? m[3] ?? '').toLowerCase()]);
  return bytes > 0 && bytes <= Number.MAX_SAFE_INTEGER ? bytes : undefined;
}

/** "16 MiB", "1.5 GiB", "700 bytes": at most one decimal, the largest unit that keeps the number >= 1. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const text = v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[i]}`;
}
