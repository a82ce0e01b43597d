// The meaning checks of a baseline beyond its schema (MA202-MA213): thresholds, windows, CIDR lists,
// duplicates, rule types an RTOS device cannot feed, disabled rules with values, trailing commas.
import { getNodeValue, type Node } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';
import type { GroupNode, RuleNode } from './baseline-model';
import { parseIsoDuration } from './iso-duration';
import { HIGH_PRIORITY_INTERVAL_SECONDS, ruleTypeInfo } from './rule-types';
import { checkCidrList } from './cidr-list-checks';

const READ_ONLY = new Set(['displayName', 'description', 'valueType']);

export function checkGroups(doc: SourceDocument, groups: GroupNode[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const g of groups) {
    for (const r of g.rules) checkRule(doc, r, out);
    checkDuplicates(doc, g, out);
  }
  return out;
}

function span(doc: SourceDocument, n: Node) {
  return doc.rangeOf(n.offset, n.offset + n.length);
}

function checkRule(doc: SourceDocument, r: RuleNode, out: Diagnostic[]): void {
  const min = r.field('minThreshold');
  const max = r.field('maxThreshold');
  if (min?.type === 'number' && max?.type === 'number' && (min.value as number) > (max.value as number)) {
    const minText = doc.text.slice(min.offset, min.offset + min.length);
    const maxText = doc.text.slice(max.offset, max.offset + max.length);
    out.push({ code: 'MA202', severity: 'error', file: doc.path, range: span(doc, min),
      message: `minThreshold ${minText} is above maxThreshold ${maxText}: no count is in range, so the rule alerts on every window.`,
      related: [{ file: doc.path, range: span(doc, max), message: 'maxThreshold' }],
      fixes: [{ title: 'Swap minThreshold and maxThreshold', preferred: true,
        edits: [{ range: span(doc, min), newText: maxText }, { range: span(doc, max), newText: minText }] }] });
  }
  const win = r.field('timeWindowSize');
  if (win?.type === 'string') {
    const seconds = parseIsoDuration(win.value as string);
    if (seconds === undefined) {
      out.push({ code: 'MA203', severity: 'error', file: doc.path, range: span(doc, win),
        message: `timeWindowSize "${win.value}" is not an ISO-8601 duration; write it like "PT15M" (15 minutes), "PT1H" or "P1D".` });
    } else if (seconds < HIGH_PRIORITY_INTERVAL_SECONDS) {
      out.push({ code: 'MA204', severity: 'warning', file: doc.path, range: span(doc, win),
        message: `A ${seconds} s window is shorter than the agent's ${HIGH_PRIORITY_INTERVAL_SECONDS} s collection interval (ASC_HIGH_PRIORITY_INTERVAL): most windows hold no network activity message.` });
    }
  }
  const info = r.ruleType ? ruleTypeInfo(r.ruleType) : undefined;
  const rt = r.field('ruleType');
  if (info?.rtosUnusable && rt) {
    out.push({ code: 'MA211', severity: 'information', file: doc.path, range: span(doc, rt),
      message: `${info.ruleType} gets no data from an RTOS device: ${info.rtosUnusable}.` });
  }
  const valuesNode = r.field(r.kind === 'allowlist' ? 'allowlistValues' : 'denylistValues');
  if ((r.kind === 'allowlist' || r.kind === 'denylist') && valuesNode?.type === 'array' && r.ruleType === 'ConnectionToIpNotAllowed') {
    checkCidrList(doc, valuesNode, r.kind === 'allowlist', out);
  }
  const enabled = r.field('isEnabled');
  if (enabled?.value === false) {
    const hasValues = valuesNode?.type === 'array'
      ? (valuesNode.children?.length ?? 0) > 0
      : (min?.type === 'number' && min.value !== 0) || (max?.type === 'number' && max.value !== 0);
    if (hasValues) {
      out.push({ code: 'MA212', severity: 'information', file: doc.path, range: span(doc, enabled),
        message: `This ${r.ruleType ?? ''} rule is disabled but has ${valuesNode ? 'values' : 'thresholds'} set: it raises nothing until "isEnabled" is true.`,
        fixes: [{ title: 'Enable the rule', edits: [{ range: span(doc, enabled), newText: 'true' }] }] });
    }
  }
}

function canonical(n: Node): string {
  const v = getNodeValue(n) as Record<string, unknown>;
  const keys = Object.keys(v).filter((k) => !READ_ONLY.has(k)).sort();
  return JSON.stringify(keys.map((k) => [k, v[k]]));
}

function checkDuplicates(doc: SourceDocument, g: GroupNode, out: Diagnostic[]): void {
  const byText = new Map<string, RuleNode>();
  const byType = new Map<string, RuleNode>();
  for (const r of g.rules) {
    const text = `${r.list}|${canonical(r.node)}`;
    const first = byText.get(text);
    const anchor = r.field('ruleType') ?? r.node;
    if (first) {
      out.push({ code: 'MA209', severity: 'warning', file: doc.path, range: span(doc, anchor),
        message: `Duplicate rule: the same ${r.ruleType ?? 'rule'} rule is already in ${r.list} of group "${g.name}".`,
        related: [{ file: doc.path, range: span(doc, first.field('ruleType') ?? first.node), message: 'first given here' }],
        fixes: [{ title: 'Remove the duplicate rule', edits: [{ range: removalRange(doc, r.node), newText: '' }] }] });
      continue;
    }
    byText.set(text, r);
    if (!r.ruleType) continue;
    const typeKey = `${r.list}|${r.ruleType}`;
    const sameType = byType.get(typeKey);
    if (sameType) {
      out.push({ code: 'MA210', severity: 'warning', file: doc.path, range: span(doc, anchor),
        message: `${r.ruleType} is given twice in ${r.list} of group "${g.name}" with different values; a group holds one rule per type.`,
        related: [{ file: doc.path, range: span(doc, sameType.field('ruleType') ?? sameType.node), message: 'other rule of this type' }] });
    } else byType.set(typeKey, r);
  }
}

/** The text to delete to remove one array element with its separating comma. */
function removalRange(doc: SourceDocument, n: Node) {
  const arr = n.parent;
  const items = arr?.children ?? [];
  const i = items.indexOf(n);
  if (i > 0) { const prev = items[i - 1]; return doc.rangeOf(prev.offset + prev.length, n.offset + n.length); }
  if (i === 0 && items.length > 1) return doc.rangeOf(n.offset, items[1].offset);
  return doc.rangeOf(n.offset, n.offset + n.length);
}
