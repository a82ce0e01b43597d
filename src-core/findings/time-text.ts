// Times and durations as findings and reports show them: UTC with whole seconds, and durations in the
// largest units that keep them exact ("5 min", "2 h 46 min 40 s").

export function formatTime(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds)) return String(epochSeconds);
  const d = new Date(Math.floor(epochSeconds) * 1000);
  if (Number.isNaN(d.getTime())) return String(epochSeconds);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return `${seconds} s`;
  let s = Math.round(seconds);
  if (s === 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)} ${unit}`);
      s %= size;
    }
  }
  return parts.join(' ');
}
