// The alert panel's page (bundled by esbuild into dist/panel/panel.js): the findings table with sorting and
// filters, a finding's details, the timeline of the run, and the toolbar. Its state lives in the view model's
// ViewState, kept by VS Code across reloads; it talks to the extension only through typed messages.
import type { ExportFormat, HostMessage, PageMessage, PanelRun } from '../panel/protocol';
import type { Finding, FindingKind, FindingSeverity } from '../../src-core/findings/finding';
import {
  applyViewState, defaultDirection, parseViewState, runTimelines, AGENT_VISIBILITIES, NO_DEVICE, NO_FILTER,
  type AgentVisibility, type SortColumn, type ViewState,
} from '../../src-core/findings/view-model';
import { formatDuration, formatTime } from '../../src-core/findings/time-text';
import { findingsHeadline } from '../../src-core/findings/headline';
import { clear, el, icon } from './dom';
import { detailsView } from './details';
import { timelineView } from './timeline';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let run: PanelRun | undefined;
let running = false;
let state: ViewState = parseViewState((vscode.getState() as { view?: unknown } | undefined)?.view);

const post = (m: PageMessage) => vscode.postMessage(m);
function save(): void {
  vscode.setState({ view: state });
}
function setState(next: Partial<ViewState>): void {
  state = { ...state, ...next };
  save();
  render();
}

function relative(file: string): string {
  const root = run?.root;
  if (root && file.startsWith(`${root}/`)) return file.slice(root.length + 1);
  return file;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const VISIBILITY_TEXT: Record<AgentVisibility, string> = { seen: 'the agent reported it', 'truth-only': 'only the ground truth (missed)', 'not-agent-data': 'not agent data' };

function button(label: string, iconName: string, onClick: () => void, title = label): HTMLButtonElement {
  const b = el('button', { title, 'aria-label': title }, icon(iconName), ` ${label}`);
  b.addEventListener('click', onClick);
  return b;
}

function toolbar(): HTMLElement {
  const bar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Simulation' });
  bar.appendChild(button('Re-run', 'refresh', () => post({ type: 'rerun' }), 'Run the last simulation again'));
  bar.appendChild(button('Run…', 'play', () => post({ type: 'runSimulation' }), 'Run a simulation (choose the profile or capture)'));
  const exp = el('select', { 'aria-label': 'Export the run' },
    el('option', { value: '' }, 'Export…'), el('option', { value: 'sarif' }, 'SARIF 2.1.0'), el('option', { value: 'json' }, 'JSON'), el('option', { value: 'html' }, 'HTML report'));
  exp.addEventListener('change', () => {
    if (exp.value) post({ type: 'export', format: exp.value as ExportFormat });
    exp.value = '';
  });
  if (run) bar.appendChild(exp);
  if (running) bar.appendChild(el('span', { class: 'running', role: 'status' }, icon('sync~spin'), ' simulating…'));
  return bar;
}

function emptyState(): HTMLElement {
  const box = el('section', { class: 'empty', 'aria-label': 'No simulation yet' },
    el('h2', {}, 'No simulation yet'),
    el('p', {}, 'Run the simulator on the workspace\'s profile (microagent.json) or on a capture: the agent model replays the traffic, then the retired cloud\'s detections run on what the agent would have sent. The findings appear here, inline in the files they point at, and in the Problems panel.'),
  );
  const actions = el('p', { class: 'actions' });
  actions.appendChild(button('Run Simulation', 'play', () => post({ type: 'runSimulation' })));
  actions.appendChild(button('Create a starter profile', 'new-file', () => post({ type: 'createProfile' })));
  box.appendChild(actions);
  box.appendChild(el('p', { class: 'muted' }, 'New here? Open the examples/door-lock folder of the extension\'s repository and run the simulation on its profile.'));
  return box;
}

function summary(r: PanelRun, view: ReturnType<typeof applyViewState>): HTMLElement {
  const s = r.result.summary;
  const span = s.firstPacketTime !== null && s.lastPacketTime !== null ? `${formatDuration(s.lastPacketTime - s.firstPacketTime)} of traffic from ${formatTime(s.firstPacketTime)}` : 'no traffic';
  return el('section', { class: 'summary', 'aria-label': 'Summary' },
    el('h1', {}, r.title),
    el('p', {},
      findingsHeadline(r.result.findings),
      ` · ${r.result.devices.length} device${r.result.devices.length === 1 ? '' : 's'} · ${s.packetsRead} packets · ${span} · configuration ${relative(r.configSource)} · run ${new Date(r.finishedAt).toLocaleString()}`),
    // A guessed address decides what the whole run is about: said at the top, with how to choose another.
    ...(s.guessedDeviceIp ? [el('p', { class: 'note' }, icon('info'), ` Device address guessed: ${s.guessedDeviceIp} (the address in the most flows). To choose another, give the device's addresses in the profile, or run the capture again and answer the address prompt.`)] : []),
    ...s.errors.map((e) => el('p', { class: 'error', role: 'alert' }, icon('error'), ` ${e}`)),
  );
}

function chips<T extends string>(legend: string, values: readonly T[], selected: readonly T[], text: (v: T) => string, onChange: (next: T[]) => void): HTMLElement {
  const group = el('fieldset', { class: 'chips' }, el('legend', {}, legend));
  for (const v of values) {
    const on = selected.includes(v);
    const b = el('button', { class: on ? 'chip on' : 'chip', 'aria-pressed': on ? 'true' : 'false' }, text(v));
    b.addEventListener('click', () => onChange(on ? selected.filter((x) => x !== v) : [...selected, v]));
    group.appendChild(b);
  }
  return group;
}

function filters(view: ReturnType<typeof applyViewState>): HTMLElement {
  const f = state.filter;
  const box = el('div', { class: 'filters', role: 'search', 'aria-label': 'Filter the findings' });
  const search = el('input', { type: 'search', placeholder: 'Filter: text, address, code, feed…', 'aria-label': 'Filter the findings by text', value: f.text });
  search.addEventListener('input', () => {
    state = { ...state, filter: { ...state.filter, text: search.value } };
    save();
    renderTable();
  });
  box.appendChild(search);
  box.appendChild(chips<FindingSeverity>('Severity', view.options.severities, f.severities, (s) => s, (severities) => setState({ filter: { ...f, severities } })));
  box.appendChild(chips<FindingKind>('Kind', view.options.kinds, f.kinds, (k) => k, (kinds) => setState({ filter: { ...f, kinds } })));
  box.appendChild(chips<AgentVisibility>('Agent', AGENT_VISIBILITIES.filter((v) => view.all.byVisibility[v] > 0), f.visibility, (v) => VISIBILITY_TEXT[v], (visibility) => setState({ filter: { ...f, visibility } })));
  const device = el('select', { 'aria-label': 'Filter by device' }, el('option', { value: '*' }, 'All devices'));
  for (const d of view.options.devices) device.appendChild(el('option', { value: `=${d}` }, d));
  if (view.options.hubWide) device.appendChild(el('option', { value: `=${NO_DEVICE}` }, 'The hub'));
  device.value = f.device === null ? '*' : `=${f.device}`;
  device.addEventListener('change', () => setState({ filter: { ...f, device: device.value === '*' ? null : device.value.slice(1) } }));
  box.appendChild(device);
  const cleared = JSON.stringify(f) === JSON.stringify(NO_FILTER);
  if (!cleared) box.appendChild(button('Clear', 'clear-all', () => setState({ filter: NO_FILTER }), 'Clear every filter'));
  return box;
}

const COLUMNS: { column: SortColumn; label: string }[] = [
  { column: 'severity', label: 'Severity' }, { column: 'kind', label: 'Kind' }, { column: 'code', label: 'Code' }, { column: 'device', label: 'Device' },
  { column: 'title', label: 'Finding' }, { column: 'firstTime', label: 'First seen' }, { column: 'count', label: 'Count' },
];

let tableHost: HTMLElement | undefined;

function table(rows: Finding[], total: number): HTMLElement {
  const t = el('table', { class: 'findings', 'aria-rowcount': rows.length + 1 });
  t.appendChild(el('caption', {}, `${rows.length} of ${total} findings${rows.length < total ? ' (filtered)' : ''}. Select a row for its details; Enter opens its first location.`));
  const head = el('tr');
  for (const c of COLUMNS) {
    const sorted = state.sort.column === c.column;
    const b = el('button', { class: 'sort', title: `Sort by ${c.label.toLowerCase()}` }, c.label, sorted ? icon(state.sort.direction === 'asc' ? 'arrow-up' : 'arrow-down') : '');
    b.addEventListener('click', () => setState({ sort: { column: c.column, direction: sorted ? (state.sort.direction === 'asc' ? 'desc' : 'asc') : defaultDirection(c.column) } }));
    head.appendChild(el('th', { scope: 'col', 'aria-sort': sorted ? (state.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none' }, b));
  }
  head.appendChild(el('th', { scope: 'col' }, 'Agent'));
  t.appendChild(el('thead', {}, head));
  const body = el('tbody');
  rows.forEach((f, i) => {
    const selected = state.selected === f.id;
    const tr = el('tr', { tabindex: selected || (!state.selected && i === 0) ? 0 : -1, 'aria-selected': selected ? 'true' : 'false', 'data-id': f.id, class: f.agentVisible === false ? 'finding missed' : 'finding' },
      el('td', {}, el('span', { class: `sev sev-${f.severity.toLowerCase()}` }, f.severity)),
      el('td', {}, f.kind), el('td', {}, f.code), el('td', {}, f.device ?? 'hub'),
      el('td', { class: 'title' }, el('span', {}, f.title), el('span', { class: 'muted msg' }, f.message)),
      el('td', { class: 'time', title: f.firstTime !== undefined ? formatTime(f.firstTime) : undefined }, f.firstTime !== undefined ? shortTime(f.firstTime) : ''), el('td', { class: 'num' }, f.count),
      el('td', { title: f.agentVisible === false ? 'only the ground truth shows it' : f.agentVisible ? 'the agent reported the data' : 'not agent data' },
        icon(f.agentVisible === false ? 'eye-closed' : f.agentVisible ? 'eye' : 'dash')));
    tr.addEventListener('click', () => setState({ selected: f.id }));
    tr.addEventListener('keydown', (e) => rowKey(e, f, rows, i));
    body.appendChild(tr);
  });
  if (rows.length === 0 && total > 0) {
    const clearAll = el('button', { class: 'link' }, 'clear the filters');
    clearAll.addEventListener('click', () => setState({ filter: NO_FILTER }));
    body.appendChild(el('tr', {}, el('td', { colspan: COLUMNS.length + 1, class: 'muted' }, `No finding matches the filters (${total} in this run): `, clearAll, '.')));
  }
  t.appendChild(body);
  return t;
}

/** A time as the table shows it: the clock alone when the run stays within a day (its date is in the summary). */
function shortTime(t: number): string {
  const full = formatTime(t);
  const s = run?.result.summary;
  const oneDay = s && s.firstPacketTime !== null && s.lastPacketTime !== null && s.lastPacketTime - s.firstPacketTime < 86400;
  return oneDay ? full.slice(11) : full.slice(5);
}

function rowKey(e: KeyboardEvent, f: Finding, rows: Finding[], i: number): void {
  const focusRow = (k: number) => {
    const next = rows[Math.max(0, Math.min(rows.length - 1, k))];
    if (next) {
      state = { ...state, selected: next.id };
      save();
      render();
      (document.querySelector(`tr[data-id="${CSS.escape(next.id)}"]`) as HTMLElement | null)?.focus();
    }
  };
  if (e.key === 'ArrowDown') (e.preventDefault(), focusRow(i + 1));
  else if (e.key === 'ArrowUp') (e.preventDefault(), focusRow(i - 1));
  else if (e.key === 'Home') (e.preventDefault(), focusRow(0));
  else if (e.key === 'End') (e.preventDefault(), focusRow(rows.length - 1));
  else if (e.key === 'Enter' && f.locations[0]) post({ type: 'open', location: f.locations[0] });
  else if (e.key === ' ') (e.preventDefault(), setState({ selected: f.id }));
  else if (e.key === 'Escape') setState({ selected: null });
}

function renderTable(): void {
  if (!run || !tableHost) return;
  const view = applyViewState(run.result.findings, state);
  clear(tableHost);
  tableHost.appendChild(table(view.rows, view.all.total));
}

function render(): void {
  const focusedId = (document.activeElement as HTMLElement | null)?.getAttribute?.('data-id');
  clear(app);
  app.appendChild(toolbar());
  if (!run) {
    app.appendChild(emptyState());
    return;
  }
  const view = applyViewState(run.result.findings, state);
  app.appendChild(summary(run, view));
  if (run.result.findings.length === 0) app.appendChild(el('p', { class: 'clean' }, icon('pass'), ' Nothing raised: no alert, recommendation or hint for this run.'));
  else {
    app.appendChild(filters(view));
    const layout = el('div', { class: view.selected ? 'layout with-details' : 'layout' });
    tableHost = el('div', { class: 'table-host' });
    tableHost.appendChild(table(view.rows, view.all.total));
    layout.appendChild(tableHost);
    if (view.selected) layout.appendChild(detailsView(view.selected, relative, (l) => post({ type: 'open', location: l }), () => setState({ selected: null })));
    app.appendChild(layout);
  }
  const timelines = el('section', { class: 'timelines', 'aria-label': 'Timeline of the run' }, el('h2', {}, 'Timeline'));
  for (const t of runTimelines(run.result)) timelines.appendChild(timelineView(t, (id) => setState({ selected: id, filter: NO_FILTER })));
  app.appendChild(timelines);
  for (const n of [...run.result.summary.notes, ...run.result.detectionNotes].slice(0, 50)) app.appendChild(el('p', { class: 'note muted' }, icon('info'), ` ${n}`));
  if (focusedId) (document.querySelector(`[data-id="${CSS.escape(focusedId)}"]`) as HTMLElement | null)?.focus();
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as HostMessage;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'run') {
    run = m.run;
    render();
  } else if (m.type === 'running') {
    running = m.running;
    render();
  } else if (m.type === 'select') {
    setState({ selected: m.findingId, filter: NO_FILTER });
    (document.querySelector(`tr[data-id="${CSS.escape(m.findingId)}"]`) as HTMLElement | null)?.scrollIntoView({ block: 'center' });
  }
});

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && state.selected) setState({ selected: null });
});

render();
post({ type: 'ready' });
