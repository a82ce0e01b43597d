// `simulate --messages DIR`: every message an agent built, sent or not, written to a file of its own as the
// model encoded it, named by device, collection time and fate, so `microagent decode` reads it and a user can
// set it beside a device's own message. The folder must be empty or new unless the user says --force.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentObserver, CycleReport } from '../agent/agent-report';
import { UsageError } from './args';

/** Longest device part of a file name: the time and the fate still fit in any file system's 255 bytes. */
const MAX_DEVICE_PART = 64;

/** A device id as a file-name part: letters, digits, `.`, `_` and `-` only, never hidden, never empty. */
export function safeNamePart(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, MAX_DEVICE_PART).replace(/[._-]+$/, '');
  return safe || 'device';
}

/**
 * A collection time as ISO 8601 basic format in UTC (20240501T100010Z: no colons, which some file systems
 * refuse), with milliseconds only when there are some; seconds (`t123.5`) outside years 0000-9999.
 */
export function fileTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 0 || year > 9999) return `t${seconds}`;
  const iso = d.toISOString().replace(/[-:]/g, '');
  return d.getUTCMilliseconds() ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}

/** `<device>-<time>-<fate>.bin`, e.g. `door-lock-01-20240501T100010Z-sent.bin`. */
export function messageFileName(devicePart: string, time: number, outcome: string): string {
  return `${devicePart}-${fileTime(time)}-${outcome}.bin`;
}

/** Makes sure `dir` can take the messages before the run: created when missing; an existing folder must be empty unless `force`. */
export function prepareMessageDir(dir: string, force: boolean): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--messages ${dir} is a file, not a folder`);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch (err) {
      throw new UsageError(`--messages: cannot read the folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (entries.length && !force) {
      throw new UsageError(`--messages: ${dir} is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}); nothing is overwritten without --force. Give a new or empty folder, or add --force to write into it (files of the same name are replaced, others are left as they are)`);
    }
    return;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`--messages: cannot create the folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Writes the messages of a run's devices into one folder; hands each device's agent an observer. */
export class MessageFiles {
  /** Files written, by fate (sent, lost-unsent, dropped-too-big, ...). */
  readonly written = new Map<string, number>();
  /** Files that replaced one of the same name (with --force). */
  replaced = 0;
  /** The first write that failed; no more files are written after it. */
  error: string | undefined;
  private readonly taken = new Set<string>();

  constructor(readonly dir: string, private readonly force: boolean) {}

  get total(): number {
    let n = 0;
    for (const c of this.written.values()) n += c;
    return n;
  }

  /** The observer for one device: two devices whose ids make the same name part get `-2`, `-3`, ... */
  observerFor(id: string): AgentObserver {
    const base = safeNamePart(id);
    let part = base;
    for (let k = 2; this.taken.has(part); k++) part = `${base}-${k}`;
    this.taken.add(part);
    return { messageDone: (cycle, message) => this.write(part, cycle, message) };
  }

  private write(part: string, cycle: CycleReport, message: Uint8Array): void {
    if (this.error) return;
    const name = messageFileName(part, cycle.time, cycle.outcome);
    const path = join(this.dir, name);
    try {
      const existed = this.force && existsSync(path);
      // 'wx' fails on an existing file: without --force nothing is replaced, even one made during the run.
      writeFileSync(path, message, { flag: this.force ? 'w' : 'wx' });
      if (existed) this.replaced++;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.error = code === 'EEXIST'
        ? `--messages: ${path} appeared during the run; not overwritten (add --force to replace it)`
        : `--messages: cannot write ${path}: ${code ?? (err as Error).message}`;
      return;
    }
    cycle.messageFile = name;
    this.written.set(cycle.outcome, (this.written.get(cycle.outcome) ?? 0) + 1);
  }

  /** One line for the user: how many files, of which fates, and where. */
  summary(): string {
    const fates = [...this.written].map(([k, v]) => `${v} ${k}`).join(', ');
    const replaced = this.replaced ? `; ${this.replaced} replaced a file of the same name (--force)` : '';
    return `${this.total} message${this.total === 1 ? '' : 's'} written to ${this.dir}${fates ? ` (${fates})` : ''}${replaced}`;
  }
}
