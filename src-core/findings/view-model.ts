// The findings view model (sort, filter, menus, counts, view state), shared by the HTML report and the alert panel's webview.
// It runs in the webview too, so it imports no Node module and takes and returns plain, serialisable data.
import { FINDING_SEVERITIES, type Finding, type FindingKind, type FindingSeverity } from './finding';

export { deviceTimeline, runTimelines, isBadOutcome, DEFAULT_TIMELINE_POINTS } from './view-timeline';
export type { AlertMark, DeviceTimeline, TimelineGap, TimelineOptions, TimelinePoint } from './view-timeline';

export const FINDING_KINDS: readonly FindingKind[] = ['alert', 'recommendation', 'hint'];

// ---- Sorting ---------------------------------------------------------------------------------------------

export type SortColumn = 'severity' | 'kind' | 'code' | 'device' | 'title' | 'firstTime' | 'count';
export const SORT_COLUMNS: readonly SortColumn[] = ['severity', 'kind', 'code', 'device', 'title', 'firstTime', 'count'];
export type SortDirection = 'asc' | 'desc';
export interface SortSpec {
  column: SortColumn;
  direction: SortDirection;
}

// Severity and kind sort by weight, not by name: descending puts High (and alerts) first, as the report does.
const severityWeight: Record<FindingSeverity, number> = { High: 3, Medium: 2, Low: 1, Informational: 0 };
const kindWeight: Record<FindingKind, number> = { alert: 2, recommendation: 1, hint: 0 };

/** The direction a first click on a column header should sort in: the most important or largest first for severity, kind and count. */
export function defaultDirection(column: SortColumn): SortDirection {
  return column === 'severity' || column === 'kind' || column === 'count' ? 'desc' : 'asc';
}

function sortKey(f: Finding, column: SortColumn): string | number | undefined {
  switch (column) {
    case 'severity': return severityWeight[f.severity];
    case 'kind': return kindWeight[f.kind];
    case 'code': return f.code;
    case 'device': return f.device;
    case 'title': return f.title;
    case 'firstTime': return f.firstTime;
    case 'count': return f.count;
  }
}

/**
 * Text order that does not depend on the runtime's locale (the webview's and the CLI's must agree): case
 * folded, digit runs compared as numbers ("dev-2" before "dev-10"), then code units as the last word.
 */
export function compareText(a: string, b: string): number {
  const xs = a.toLowerCase().match(/\d+|\D+/g) ?? [];
  const ys = b.toLowerCase().match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const p = xs[i];
    const q = ys[i];
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      // Compared as digit strings, so runs longer than a double holds still order right.
      const pp = p.replace(/^0+(?=\d)/, '');
      const qq = q.replace(/^0+(?=\d)/, '');
      if (pp.length !== qq.length) return pp.length - qq.length;
      if (pp !== qq) return pp < qq ? -1 : 1;
      continue;
    }
    return p < q ? -1 : 1;
  }
  return xs.length - ys.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * A sorted copy. Stable in both directions (ties keep their input order, which is the report's), and a
 * finding without the value (hub-wide: no device; set-up: no time) goes last either way.
 */
export function sortFindings(findings: readonly Finding[], sort: SortSpec): Finding[] {
  const sign = sort.direction === 'desc' ? -1 : 1;
  const keyed = findings.map((f, i) => ({ f, i, k: sortKey(f, sort.column) }));
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1;
    const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : compareText(String(a.k), String(b.k));
    return sign * c || a.i - b.i;
  });
  return keyed.map((x) => x.f);
}

// ---- Filtering -------------------------------------------------------------------------------------------

/** Whether the agent reported what the finding rests on (`Finding.agentVisible` true / false / null). */
export type AgentVisibility = 'seen' | 'truth-only' | 'not-agent-data';
export const AGENT_VISIBILITIES: readonly AgentVisibility[] = ['seen', 'truth-only', 'not-agent-data'];

export function visibilityOf(f: Finding): AgentVisibility {
  return f.agentVisible === true ? 'seen' : f.agentVisible === false ? 'truth-only' : 'not-agent-data';
}

/** The device filter's value for findings about no device (hub-wide); device ids are never empty. */
export const NO_DEVICE = '';

/** Every list empty means "any" (nothing ticked filters nothing), as filter menus usually behave. */
export interface FindingFilter {
  severities: FindingSeverity[];
  kinds: FindingKind[];
  codes: string[];
  /** null: any device; NO_DEVICE: only hub-wide findings. */
  device: string | null;
  visibility: AgentVisibility[];
  /** Whitespace-separated words that must all occur, case-insensitively, in the finding's searchable text. */
  text: string;
}

// Frozen: a shared default that a caller pushing into `filter.kinds` would otherwise change for everyone.
const none = <T>() => Object.freeze([]) as unknown as T[];
export const NO_FILTER: FindingFilter = Object.freeze({
  severities: none<FindingSeverity>(), kinds: none<FindingKind>(), codes: none<string>(), device: null, visibility: none<AgentVisibility>(), text: '',
});

/** What the free-text filter searches: title, message, code, device, alert type, remote, and the indicator. */
export function searchableText(f: Finding): string {
  const i = f.evidence.indicator;
  // Joined with line breaks so a word cannot match across two fields (words hold no whitespace).
  return [f.title, f.message, f.code, f.device, f.alertType, f.evidence.remote, i?.value, i?.feed, i?.label]
    .filter((s): s is string => typeof s === 'string')
    .join('\n')
    .toLowerCase();
}

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export function findingMatches(f: Finding, filter: FindingFilter, queryWords = words(filter.text)): boolean {
  if (filter.severities.length && !filter.severities.includes(f.severity)) return false;
  if (filter.kinds.length && !filter.kinds.includes(f.kind)) return false;
  if (filter.codes.length && !filter.codes.includes(f.code)) return false;
  if (filter.device !== null && (f.device ?? NO_DEVICE) !== filter.device) return false;
  if (filter.visibility.length && !filter.visibility.includes(visibilityOf(f))) return false;
  if (queryWords.length) {
    const text = searchableText(f);
    if (!queryWords.every((w) => text.includes(w))) return false;
  }
  return true;
}

/** The findings the filter lets through, in their order. */
export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const queryWords = words(filter.text);
  return findings.filter((f) => findingMatches(f, filter, queryWords));
}

// ---- Menus and counts ------------------------------------------------------------------------------------

export interface FilterOptions {
  /** Device ids, in text order. */
  devices: string[];
  /** Some finding is about no device (offer NO_DEVICE). */
  hubWide: boolean;
  codes: string[];
  /** Those present, most important first. */
  kinds: FindingKind[];
  severities: FindingSeverity[];
}

export function filterOptions(findings: readonly Finding[]): FilterOptions {
  const devices = new Set<string>();
  const codes = new Set<string>();
  const kinds = new Set<FindingKind>();
  const severities = new Set<FindingSeverity>();
  let hubWide = false;
  for (const f of findings) {
    if (f.device === undefined) hubWide = true;
    else devices.add(f.device);
    codes.add(f.code);
    kinds.add(f.kind);
    severities.add(f.severity);
  }
  return {
    devices: [...devices].sort(compareText),
    hubWide,
    codes: [...codes].sort(compareText),
    kinds: FINDING_KINDS.filter((k) => kinds.has(k)),
    severities: FINDING_SEVERITIES.filter((s) => severities.has(s)),
  };
}

export interface FindingCounts {
  total: number;
  bySeverity: Record<FindingSeverity, number>;
  byKind: Record<FindingKind, number>;
  byVisibility: Record<AgentVisibility, number>;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const c: FindingCounts = {
    total: findings.length,
    bySeverity: { High: 0, Medium: 0, Low: 0, Informational: 0 },
    byKind: { alert: 0, recommendation: 0, hint: 0 },
    byVisibility: { seen: 0, 'truth-only': 0, 'not-agent-data': 0 },
  };
  for (const f of findings) {
    c.bySeverity[f.severity]++;
    c.byKind[f.kind]++;
    c.byVisibility[visibilityOf(f)]++;
  }
  return c;
}

// ---- View state ------------------------------------------------------------------------------------------

/** What the panel remembers between sessions (webview state) and what a link to a view holds: plain JSON. */
export interface ViewState {
  version: 1;
  sort: SortSpec;
  filter: FindingFilter;
  /** The finding whose details are open, by `Finding.id`. */
  selected: string | null;
}

export const DEFAULT_VIEW_STATE: ViewState = Object.freeze({ version: 1, sort: Object.freeze({ column: 'severity', direction: 'desc' }), filter: NO_FILTER, selected: null } as const);

export interface FindingsView {
  /** The findings shown, filtered then sorted. */
  rows: Finding[];
  /** The selected finding when it is among the rows (a filter that hides it closes its details, the state keeps it). */
  selected: Finding | null;
  all: FindingCounts;
  shown: FindingCounts;
  options: FilterOptions;
}

export function applyViewState(findings: readonly Finding[], state: ViewState): FindingsView {
  const rows = sortFindings(filterFindings(findings, state.filter), state.sort);
  return {
    rows,
    selected: state.selected === null ? null : rows.find((f) => f.id === state.selected) ?? null,
    all: countFindings(findings),
    shown: countFindings(rows),
    options: filterOptions(findings),
  };
}

export function serialiseViewState(state: ViewState): string {
  return JSON.stringify(parseViewState(state));
}

/**
 * A view state from stored JSON (text or parsed). Stored state outlives versions of the extension and may
 * be edited, so every field is checked: what is missing or wrong takes its default, the rest is kept.
 */
export function parseViewState(value: unknown): ViewState {
  let v: unknown = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      v = undefined;
    }
  }
  const o = isObject(v) ? v : {};
  const sort = isObject(o.sort) ? o.sort : {};
  const filter = isObject(o.filter) ? o.filter : {};
  const d = DEFAULT_VIEW_STATE;
  return {
    version: 1,
    sort: {
      column: oneOf(sort.column, SORT_COLUMNS) ?? d.sort.column,
      direction: oneOf(sort.direction, ['asc', 'desc'] as const) ?? d.sort.direction,
    },
    filter: {
      severities: listOf(filter.severities, FINDING_SEVERITIES),
      kinds: listOf(filter.kinds, FINDING_KINDS),
      codes: Array.isArray(filter.codes) ? unique(filter.codes.filter((c): c is string => typeof c === 'string')) : [],
      device: typeof filter.device === 'string' ? filter.device : null,
      visibility: listOf(filter.visibility, AGENT_VISIBILITIES),
      text: typeof filter.text === 'string' ? filter.text : '',
    },
    selected: typeof o.selected === 'string' ? o.selected : null,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === v);
}

function listOf<T extends string>(v: unknown, allowed: readonly T[]): T[] {
  return Array.isArray(v) ? unique(v.map((x) => oneOf(x, allowed)).filter((x): x is T => x !== undefined)) : [];
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
