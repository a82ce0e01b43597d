// Loads a plain list or netset straight into an indicator set builder, for the simulator: the common line
// (an IPv4 address or CIDR, maybe with a trailing comment) is read from character codes with no string or
// object made for it; any other line goes through the list reader's own line parser, so both agree.
import { classifySpecial, classifySpecial4 } from './special-ranges';
import { readLine } from './list-reader';
import { BadLineNotes, type FeedEntry, type FeedIssue } from './feed-types';
import type { IndicatorSetBuilder } from './indicator-set';

export interface ListLoad {
  usable: number;
  /** Entries wholly in private or reserved space (they can never match a global unicast address). */
  dropped: number;
  issues: FeedIssue[];
}

const SPACE = (c: number) => c === 32 || c === 9 || c === 13 || c === 0xfeff;

export function loadListInto(builder: IndicatorSetBuilder, feed: string, text: string): ListLoad {
  const issues: FeedIssue[] = [];
  const bad = new BadLineNotes(issues);
  let usable = 0;
  let dropped = 0;
  const slow = (e: FeedEntry) => {
    if (e.kind === 'domain') (builder.addDomain(e.domain, feed, e.line, e.label), usable++);
    else if (classifySpecial(e.cidr)?.within) dropped++;
    else if (e.cidr.version === 4) (builder.addIPv4(e.cidr.network, e.cidr.prefix, feed, e.line, e.label), usable++);
    else (builder.addIPv6(e.cidr.network, e.cidr.prefix, feed, e.line, e.label), usable++);
  };
  const n = text.length;
  let line = 0;
  for (let pos = 0; pos < n; ) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    line++;
    const got = fastLine(text, pos, eol);
    if (got === SKIP) {
      // Blank or comment line.
    } else if (got === SLOW) readLine(text, pos, eol, line, slow, bad);
    else {
      const { net, prefix, labelAt } = scratch;
      const end = net + (2 ** (32 - prefix) - 1);
      if (classifySpecial4(net, end)?.within) dropped++;
      else {
        const label = labelAt >= 0 ? text.slice(labelAt, eol).trim() || undefined : undefined;
        builder.addIPv4(net, prefix, feed, line, label);
        usable++;
      }
    }
    pos = eol + 1;
  }
  bad.finish();
  return { usable, dropped, issues };
}

const SKIP = 0;
const SLOW = 1;
const FAST = 2;
const scratch = { net: 0, prefix: 32, labelAt: -1 };

/** Reads a line of the common shape into `scratch`; SLOW for anything else (the reader decides those). */
function fastLine(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && SPACE(text.charCodeAt(i))) i++;
  if (i === end) return SKIP;
  let c = text.charCodeAt(i);
  if (c === 35 || c === 59) return SKIP;
  let value = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== 46) return SLOW;
      i++;
    }
    let digits = 0;
    let v = 0;
    while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      // A leading zero ("010") reads as octal in some tools: the reader refuses it, with its message.
      if (digits === 1 && v === 0) return SLOW;
      v = v * 10 + (c - 48);
      if (++digits > 3) return SLOW;
      i++;
    }
    if (digits === 0 || v > 255) return SLOW;
    value = value * 256 + v;
  }
  let prefix = 32;
  if (i < end && text.charCodeAt(i) === 47) {
    i++;
    let digits = 0;
    prefix = 0;
    while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      prefix = prefix * 10 + (c - 48);
      if (++digits > 2) return SLOW;
      i++;
    }
    if (digits === 0 || prefix > 32) return SLOW;
  }
  // Then only spaces, and maybe a comment.
  while (i < end && SPACE(text.charCodeAt(i))) i++;
  let labelAt = -1;
  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 35 && c !== 59) return SLOW;
    labelAt = i + 1;
  }
  scratch.net = prefix === 0 ? 0 : prefix === 32 ? value : (value - (value % 2 ** (32 - prefix)));
  scratch.prefix = prefix;
  scratch.labelAt = labelAt;
  return FAST;
}
