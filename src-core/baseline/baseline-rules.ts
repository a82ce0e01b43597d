// The meaning checks of a baseline beyond its schema (MA202-MA212): thresholds, windows, CIDR lists,
// duplicates, rule types an RTOS device cannot feed, disabled rules with values. They read plain values and
// ask the source for a place only when they report something (the tree is then built once).
import type { Diagnostic } from '../language/types';
import type { GroupValue, RuleValue } from './baseline-values';
import { has, own } from './baseline-values';
import { spanAt, textAt, type JsonPath, type JsonSource } from './json-value';
import { parseIsoDuration } from './iso-duration';
import { HIGH_PRIORITY_INTERVAL_SECONDS, ruleTypeInfo } from './rule-types';
import { checkCidrList } from './cidr-list-checks';
import { shortValue } from '../findings/text-safety';

const READ_ONLY = new Set(['displayName', 'description', 'valueType']);

export function checkGroups(src: JsonSource, groups: GroupValue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const g of groups) {
    for (const r of g.rules) checkRule(src, r, out);
    checkDuplicates(src, g, out);
  }
  return out;
}

/** The path of a rule's field (built only when something is reported). */
function at(r: RuleValue, field: string): JsonPath {
  return [...r.path, field];
}

function checkRule(src: JsonSource, r: RuleValue, out: Diagnostic[]): void {
  const file = src.doc.path;
  const min = own(r.value, 'minThreshold');
  const max = own(r.value, 'maxThreshold');
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    const minText = textAt(src, at(r, 'minThreshold'));
    const maxText = textAt(src, at(r, 'maxThreshold'));
    const minRange = spanAt(src, at(r, 'minThreshold'));
    const maxRange = spanAt(src, at(r, 'maxThreshold'));
    out.push({ code: 'MA202', severity: 'error', file, range: minRange,
      message: `minThreshold ${minText} is above maxThreshold ${maxText}: no count is in range, so the rule alerts on every window.`,
      related: [{ file, range: maxRange, message: 'maxThreshold' }],
      fixes: [{ title: 'Swap minThreshold and maxThreshold', preferred: true,
        edits: [{ range: minRange, newText: maxText }, { range: maxRange, newText: minText }] }] });
  }
  const win = own(r.value, 'timeWindowSize');
  if (typeof win === 'string') {
    const seconds = parseIsoDuration(win);
    if (seconds === undefined) {
      out.push({ code: 'MA203', severity: 'error', file, range: spanAt(src, at(r, 'timeWindowSize')),
        message: `timeWindowSize "${shortValue(win)}" is not an ISO-8601 duration; write it like "PT15M" (15 minutes), "PT1H" or "P1D".` });
    } else if (seconds < HIGH_PRIORITY_INTERVAL_SECONDS) {
      out.push({ code: 'MA204', severity: 'warning', file, range: spanAt(src, at(r, 'timeWindowSize')),
        message: `A ${seconds} s window is shorter than the agent's ${HIGH_PRIORITY_INTERVAL_SECONDS} s collection interval (ASC_HIGH_PRIORITY_INTERVAL): most windows hold no network activity message.` });
    }
  }
  const info = r.ruleType ? ruleTypeInfo(r.ruleType) : undefined;
  if (info?.rtosUnusable) {
    out.push({ code: 'MA211', severity: 'information', file, range: spanAt(src, at(r, 'ruleType')),
      message: `${info.ruleType} gets no data from an RTOS device: ${info.rtosUnusable}.` });
  }
  const valuesKey = r.kind === 'allowlist' ? 'allowlistValues' : 'denylistValues';
  const values = own(r.value, valuesKey);
  if ((r.kind === 'allowlist' || r.kind === 'denylist') && Array.isArray(values) && r.ruleType === 'ConnectionToIpNotAllowed') {
    checkCidrList(src, at(r, valuesKey), values, r.kind === 'allowlist', out);
  }
  if (own(r.value, 'isEnabled') === false) {
    const hasValues = Array.isArray(values)
      ? values.length > 0
      : (typeof min === 'number' && min !== 0) || (typeof max === 'number' && max !== 0);
    if (hasValues) {
      const range = spanAt(src, at(r, 'isEnabled'));
      out.push({ code: 'MA212', severity: 'information', file, range,
        message: `This ${r.ruleType ?? ''} rule is disabled but has ${has(r.value, valuesKey) ? 'values' : 'thresholds'} set: it raises nothing until "isEnabled" is true.`,
        fixes: [{ title: 'Enable the rule', edits: [{ range, newText: 'true' }] }] });
    }
  }
}

function canonical(v: Record<string, unknown>): string {
  const keys = Object.keys(v).filter((k) => !READ_ONLY.has(k)).sort();
  return JSON.stringify(keys.map((k) => [k, v[k]]));
}

/** Where a rule is reported: its rule type, or the whole rule when it has none. */
function anchorOf(r: RuleValue): JsonPath {
  return has(r.value, 'ruleType') ? [...r.path, 'ruleType'] : r.path;
}

/** True when no two rules of the group share a list and a rule type: then none can be a duplicate (MA209 needs
 *  equal rules) nor a second rule of a type (MA210), and no rule needs its canonical text. */
function allDistinct(g: GroupValue): boolean {
  const rules = g.rules;
  if (rules.length > 16) return new Set(rules.map((r) => `${r.list}|${r.ruleType ?? '\u0000'}`)).size === rules.length;
  // Groups hold a handful of rules: comparing pairs beats building keys.
  for (let i = 1; i < rules.length; i++) {
    for (let j = 0; j < i; j++) if (rules[j].list === rules[i].list && rules[j].ruleType === rules[i].ruleType) return false;
  }
  return true;
}

function checkDuplicates(src: JsonSource, g: GroupValue, out: Diagnostic[]): void {
  if (allDistinct(g)) return;
  const file = src.doc.path;
  const byText = new Map<string, RuleValue>();
  const byType = new Map<string, RuleValue>();
  for (const r of g.rules) {
    const text = `${r.list}|${canonical(r.value)}`;
    const first = byText.get(text);
    if (first) {
      out.push({ code: 'MA209', severity: 'warning', file, range: spanAt(src, anchorOf(r)),
        message: `Duplicate rule: the same ${r.ruleType ?? 'rule'} rule is already in ${r.list} of group "${g.name}".`,
        related: [{ file, range: spanAt(src, anchorOf(first)), message: 'first given here' }],
        fixes: [{ title: 'Remove the duplicate rule', edits: [{ range: removalRange(src, r), newText: '' }] }] });
      continue;
    }
    byText.set(text, r);
    if (!r.ruleType) continue;
    const typeKey = `${r.list}|${r.ruleType}`;
    const sameType = byType.get(typeKey);
    if (sameType) {
      out.push({ code: 'MA210', severity: 'warning', file, range: spanAt(src, anchorOf(r)),
        message: `${r.ruleType} is given twice in ${r.list} of group "${g.name}" with different values; a group holds one rule per type.`,
        related: [{ file, range: spanAt(src, anchorOf(sameType)), message: 'other rule of this type' }] });
    } else byType.set(typeKey, r);
  }
}

/** The text to delete to remove one array element with its separating comma. */
function removalRange(src: JsonSource, r: RuleValue) {
  const doc = src.doc;
  const items = src.node(r.path.slice(0, -1))?.children ?? [];
  const i = r.index;
  const n = items[i];
  if (!n) return spanAt(src, r.path);
  if (i > 0) { const prev = items[i - 1]; return doc.rangeOf(prev.offset + prev.length, n.offset + n.length); }
  if (items.length > 1) return doc.rangeOf(n.offset, items[1].offset);
  return doc.rangeOf(n.offset, n.offset + n.length);
}
