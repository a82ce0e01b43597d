// What every feed reader returns: entries with their place in the file, and issues with codes and offsets.
import type { Severity } from '../language/types';
import type { Cidr } from './ip';

export type FeedFormat = 'list' | 'csv' | 'stix' | 'misp';

export type FeedEntry =
  | { kind: 'cidr'; cidr: Cidr; line: number; start: number; end: number; label?: string }
  | { kind: 'domain'; domain: string; line: number; start: number; end: number; label?: string };

export interface FeedIssue {
  code: string;
  severity: Severity;
  message: string;
  /** Offsets into the feed's text. */
  start: number;
  end: number;
  /** Text that fixes the fault when it replaces start..end (offered as a quick fix). */
  replacement?: string;
}

export interface FeedReadResult {
  format: FeedFormat;
  entries: FeedEntry[];
  issues: FeedIssue[];
  /** Indicators or attributes that are not about addresses or domains, counted and skipped. */
  skipped: number;
}

/** Limits that keep hostile or huge feeds from exhausting memory or time. */
export const feedLimits = {
  /** Largest feed text read, in characters (a 1 M-line netset is about 16 MB). */
  maxChars: 128 * 1024 * 1024,
  /** Largest JSON feed (STIX, MISP) parsed into a tree. */
  maxJsonChars: 64 * 1024 * 1024,
  /** Longest STIX pattern parsed. */
  maxPatternChars: 16 * 1024,
  /** Most comparisons taken from one STIX pattern. */
  maxComparisons: 1000,
  /** Most STIX objects or MISP attributes looked at. */
  maxObjects: 2_000_000,
};

/** Most MA310 notes one feed gets: a file of garbage must not become millions of diagnostics. */
export const MAX_BAD_LINE_NOTES = 1000;

/** Collects MA310 notes up to MAX_BAD_LINE_NOTES and says how many more there were. */
export class BadLineNotes {
  private count = 0;
  constructor(private readonly issues: FeedIssue[]) {}
  add(issue: FeedIssue): void {
    if (this.count++ < MAX_BAD_LINE_NOTES) this.issues.push(issue);
  }
  /** Adds the closing note for the notes left out, if any. */
  finish(): void {
    if (this.count > MAX_BAD_LINE_NOTES) {
      this.issues.push({ code: 'MA310', severity: 'warning', start: 0, end: 0, message: `${this.count - MAX_BAD_LINE_NOTES} more entries that do not parse (only the first ${MAX_BAD_LINE_NOTES} are listed).` });
    }
  }
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\.?$/i;

/** A host name with at least two labels whose last label (the TLD) starts with a letter: `1.2.3` is not one. */
export function isDomainName(s: string): boolean {
  return DOMAIN.test(s);
}

/** Line number (one-based) of an offset, for indicators whose source line is reported. */
export function lineOfOffset(text: string, offset: number, cache: { lastOffset: number; lastLine: number }): number {
  let line = cache.lastLine;
  let i = cache.lastOffset;
  if (offset < i) { i = 0; line = 1; }
  for (; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  cache.lastOffset = offset;
  cache.lastLine = line;
  return line;
}
