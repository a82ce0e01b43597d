// --from for an event script. The simulator skips a capture's packets before SimulationInput.startTime, but
// feeds an event script's packet events whatever their time (only the end cuts them), so the learner hands it
// a copy of the script with the packet events before the start blanked out. Blank lines are skipped by the
// reader, so every other line keeps its number and notes still point at the right line of the original;
// hub and cloud events before the start stay (they set the hub link's state the agent starts in).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readEventScript } from '../traffic/event-script';
import { readInputText } from '../util/input-file';

export interface CutScript {
  path: string;
  /** Lines blanked out. */
  dropped: number;
  remove(): void;
}

/** A copy of the script without its packet events before `start`, or undefined when it has none. */
export function scriptFrom(file: string, start: number): CutScript | undefined {
  const early = new Set<number>();
  readEventScript(file, (ev) => {
    if (ev.type === 'packet' && ev.time < start) early.add(ev.line);
  });
  if (early.size === 0) return undefined;
  const lines = readInputText(file, 'events').split('\n');
  for (const n of early) lines[n - 1] = lines[n - 1].endsWith('\r') ? '\r' : '';
  const dir = mkdtempSync(join(tmpdir(), 'microagent-learn-'));
  const path = join(dir, basename(file));
  writeFileSync(path, lines.join('\n'));
  return { path, dropped: early.size, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
