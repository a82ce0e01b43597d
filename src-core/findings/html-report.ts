// The HTML report of a simulation (`microagent simulate --format html`): one self-contained page, no script, no external resource.
// Every value from the run reaches the page through `html`, which escapes it with `escapeHtml`; the CSP forbids scripts anyway.
import { isAbsolute } from 'node:path';
import { FINDING_SEVERITIES, type Finding, type FindingSeverity, type FlowEvidence, type SourceLocation } from './finding';
import { displayPath } from './report';
import { formatDuration, formatTime } from './time-text';
import { FINDING_KINDS, countFindings, isBadOutcome, runTimelines, visibilityOf, type AgentVisibility, type AlertMark, type DeviceTimeline } from './view-model';
import type { DeviceResult, SimulationResult } from '../simulator/simulation-types';

export interface HtmlReportOptions {
  /** The agent configuration's file, or how it was made ("RTOS_BASE defaults"). */
  configSource: string;
  /** Paths are shown relative to this folder. */
  cwd: string;
  toolVersion: string;
  /** Findings given a details block (default 500; the table lists them all). */
  maxDetails?: number;
  /** Devices given a timeline (default 50). */
  maxTimelines?: number;
}

// ---- Escaping --------------------------------------------------------------------------------------------

// C0/C1 controls would be parse errors or invisible; bidi overrides could make a name read as another.
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as safe HTML content or attribute value: hidden characters shown as \uXXXX, markup characters as entities, long text cut. */
export function escapeHtml(text: string, max = 4000): string {
  let s = text;
  if (s.length > max) {
    // Do not cut a surrogate pair in half.
    const cut = /[\ud800-\udbff]/.test(s[max - 1]) ? max - 1 : max;
    s = `${s.slice(0, cut)}… (${s.length - cut} more characters)`;
  }
  return s.replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/[&<>"']/g, (c) => ENTITY[c]);
}

/** Markup made by `html`. Anything else put into a template is text. */
class Markup {
  constructor(readonly text: string) {}
}
type Content = Markup | string | number | boolean | null | undefined | readonly Content[];

function render(v: Content): string {
  if (v instanceof Markup) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** The one way markup is written: the template's literal parts are markup, every interpolated value is escaped. */
function html(strings: TemplateStringsArray, ...values: Content[]): Markup {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Markup(out);
}

// ---- Small formatters ------------------------------------------------------------------------------------

// Locale-free, so the same result gives the same bytes on every machine.
function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole, frac] = String(Math.abs(n)).split('.');
  return `${n < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
const plural = (n: number, word: string, words = `${word}s`) => `${num(n)} ${n === 1 ? word : words}`;
const when = (t: number | undefined | null) => (typeof t === 'number' ? formatTime(t) : '—');
const sevClass: Record<FindingSeverity, string> = { High: 'high', Medium: 'medium', Low: 'low', Informational: 'info' };
const visibilityText: Record<AgentVisibility, string> = { seen: 'seen', 'truth-only': 'missed (ground truth only)', 'not-agent-data': 'n/a' };

// ---- The page --------------------------------------------------------------------------------------------

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function simulationHtml(result: SimulationResult, options: HtmlReportOptions): string {
  const r = new HtmlReport(result, options);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${new Markup(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Micro agent simulation: ${plural(result.findings.length, 'finding')}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<header>
<h1>Micro agent simulation</h1>
<p class="lead">${r.headline()}</p>
<nav aria-label="Contents"><a href="#summary">Summary</a> · <a href="#findings">Findings</a> · <a href="#timelines">Timelines</a> · <a href="#details">Details</a></nav>
</header>
<main>
${r.summary()}
${r.findingsTable()}
${r.timelines()}
${r.details()}
</main>
<footer><p>Written by microagent ${options.toolVersion}. Times are UTC; lines and columns count from 1. This page runs no script and loads nothing.</p></footer>
</body>
</html>
`.text;
}

class HtmlReport {
  private readonly maxDetails: number;
  /** The anchor of each finding's details block, for those that have one (by object, and by id for the marks). */
  private readonly anchors = new Map<Finding, string>();
  private readonly anchorsById = new Map<string, string>();

  constructor(private readonly result: SimulationResult, private readonly options: HtmlReportOptions) {
    this.maxDetails = Math.max(0, options.maxDetails ?? 500);
    result.findings.slice(0, this.maxDetails).forEach((f, i) => {
      this.anchors.set(f, `f-${i + 1}`);
      if (!this.anchorsById.has(f.id)) this.anchorsById.set(f.id, `f-${i + 1}`);
    });
  }

  private path(p: string): string {
    return isAbsolute(p) ? displayPath(p, this.options.cwd) : p;
  }

  private where(l: { file: string; range: SourceLocation['range'] }): string {
    return `${this.path(l.file)}:${l.range.start.line + 1}:${l.range.start.character + 1}`;
  }

  headline(): Markup {
    const { findings, devices, summary: s } = this.result;
    const c = countFindings(findings);
    const kinds = FINDING_KINDS.map((k) => plural(c.byKind[k], k)).join(', ');
    const span = s.firstPacketTime !== null && s.lastPacketTime !== null ? ` over ${formatDuration(s.lastPacketTime - s.firstPacketTime)} of traffic from ${formatTime(s.firstPacketTime)}` : '';
    return html`${plural(c.total, 'finding')} (${kinds}) for ${plural(devices.length, 'device')}${span}.`;
  }

  summary(): Markup {
    const { findings, summary: s, devices } = this.result;
    const c = countFindings(findings);
    const cell = (k: string, sev: FindingSeverity) => findings.filter((f) => f.kind === k && f.severity === sev).length;
    const counts = html`<table class="counts">
<caption>Findings by kind and severity</caption>
<thead><tr><th scope="col">Kind</th>${FINDING_SEVERITIES.map((sev) => html`<th scope="col">${sev}</th>`)}<th scope="col">Total</th></tr></thead>
<tbody>${FINDING_KINDS.map((k) => html`<tr><th scope="row">${k}</th>${FINDING_SEVERITIES.map((sev) => html`<td>${num(cell(k, sev))}</td>`)}<td>${num(c.byKind[k])}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">Total</th>${FINDING_SEVERITIES.map((sev) => html`<td>${num(c.bySeverity[sev])}</td>`)}<td>${num(c.total)}</td></tr></tfoot>
</table>`;
    const v = c.byVisibility;
    const span = s.firstPacketTime !== null && s.lastPacketTime !== null
      ? `${formatTime(s.firstPacketTime)} to ${formatTime(s.lastPacketTime)} (${formatDuration(s.lastPacketTime - s.firstPacketTime)})`
      : 'no packet read';
    const detectionNotes = this.result.detectionNotes;
    // What was summarised to stay bounded: the cloud's are detection notes already; the ground truth's are added.
    const notes = [...s.notes, ...detectionNotes, ...(this.result.bounded ?? []).filter((n) => !detectionNotes.includes(n))];
    return html`<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
${counts}
<p>Agent data: ${num(v.seen)} seen by the agent as configured, ${num(v['truth-only'])} only in the ground truth (the agent did not report what they rest on), ${num(v['not-agent-data'])} not resting on agent data (hub settings, profile, configuration).</p>
<dl class="facts">
<dt>Time span</dt><dd>${span}</dd>
<dt>Packets read</dt><dd>${num(s.packetsRead)} (${s.format}${s.approximate ? ', approximate: conn.log flows spread into synthetic packets' : ''})</dd>
<dt>Configuration</dt><dd><code>${this.path(this.options.configSource)}</code></dd>
<dt>Seed</dt><dd>${num(s.seed)}</dd>
${s.guessedDeviceIp ? html`<dt>Device address guessed</dt><dd>${s.guessedDeviceIp} (in the most flows)</dd>` : ''}
</dl>
${s.errors.length ? html`<div class="problem" role="note"><h3>Input problems</h3><ul>${s.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
${this.inputs()}
${this.devices(devices)}
${notes.length ? html`<h3>Notes</h3><ul class="notes">${notes.slice(0, 50).map((n) => html`<li>${n}</li>`)}</ul>${notes.length > 50 ? html`<p>${plural(notes.length - 50, 'more note')} in --format json.</p>` : ''}` : ''}
</section>`;
  }

  private inputs(): Markup {
    const inputs = this.result.summary.inputs;
    if (!inputs.length) return html`<p>No input file.</p>`;
    return html`<table>
<caption>Inputs</caption>
<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Packets</th><th scope="col">Records</th><th scope="col">Notes</th></tr></thead>
<tbody>${inputs.map((i) => html`<tr><th scope="row"><code>${this.path(i.file)}</code></th><td>${i.kind === 'unknown' ? 'unreadable' : i.format}${i.approximate ? ' (approximate)' : ''}</td><td class="n">${num(i.packets)}</td><td class="n">${i.records === undefined ? '—' : num(i.records)}</td><td>${[...(i.error ? [html`<strong>${i.error}</strong>`] : []), ...i.notes].map((n, k) => html`${k ? '; ' : ''}${n}`)}</td></tr>`)}</tbody>
</table>`;
  }

  private devices(devices: readonly DeviceResult[]): Markup {
    if (!devices.length) return html`<p class="empty">No device was simulated.</p>`;
    return html`<table>
<caption>Devices</caption>
<thead><tr><th scope="col">Device</th><th scope="col">Addresses</th><th scope="col">Security group</th><th scope="col">Traffic</th><th scope="col">Cycles listed</th><th scope="col">Messages sent</th><th scope="col">Packets dropped</th><th scope="col">Flows (never recorded)</th><th scope="col">Agent</th></tr></thead>
<tbody>${devices.map((d) => {
      const a = d.agent;
      const state = [a.hung ? `hung at ${formatTime(a.hung.time)} (${a.hung.reason})` : '', a.silentFrom !== null ? `silent from ${formatTime(a.silentFrom)}` : '', d.approximate ? 'approximate traffic' : ''].filter(Boolean).join('; ') || 'ok';
      return html`<tr><th scope="row">${d.id}</th><td>${d.addresses.join(', ')}</td><td>${d.securityGroup}</td><td>${d.traffic ? html`<code>${this.path(d.traffic)}</code>` : '—'}</td><td class="n">${num(a.cycles.length)}</td><td class="n">${num(a.messagesSent)}</td><td class="n">${num(a.packetsDropped)}</td><td class="n">${num(d.truth.flows)} (${num(d.truth.flowsNeverRecorded)})</td><td>${state}</td></tr>`;
    })}</tbody>
</table>`;
  }

  findingsTable(): Markup {
    const findings = this.result.findings;
    if (!findings.length) {
      return html`<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<p class="empty">No findings: neither the simulated cloud nor this project's checks raised anything about this run. Without detection inputs (feeds, a baseline, hub settings) the cloud stage makes none.</p>
</section>`;
    }
    return html`<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<div class="scroll"><table class="findings">
<caption>${plural(findings.length, 'finding')}, most severe first</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Kind</th><th scope="col">Code</th><th scope="col">Device</th><th scope="col">Title</th><th scope="col">Message</th><th scope="col">First seen</th><th scope="col">Last seen</th><th scope="col">Agent data</th></tr></thead>
<tbody>
${findings.map((f) => {
      const anchor = this.anchors.get(f);
      return html`<tr class="sev-${sevClass[f.severity] ?? 'info'}"><td><span class="badge">${f.severity}</span></td><td>${f.kind}</td><td>${f.code}</td><td>${f.device ?? html`<i>hub-wide</i>`}</td><th scope="row">${anchor ? html`<a href="#${anchor}">${f.title}</a>` : f.title}</th><td>${f.message}</td><td class="t">${when(f.firstTime)}</td><td class="t">${when(f.lastTime)}</td><td>${visibilityText[visibilityOf(f)]}</td></tr>\n`;
    })}</tbody>
</table></div>
</section>`;
  }

  timelines(): Markup {
    const max = Math.max(0, this.options.maxTimelines ?? 50);
    const all = runTimelines(this.result);
    const shown = all.slice(0, max);
    return html`<section id="timelines" aria-labelledby="timelines-h">
<h2 id="timelines-h">Timelines</h2>
${all.length ? html`<p class="legend"><span class="key k-flows"></span>flow records per cycle <span class="key k-drops"></span>packets dropped (cache full) <span class="key k-msg"></span>message bytes (dashed: the size the buffer allows) <span class="key k-bad"></span>message not sent <span class="key k-gap"></span>idle, not listed. Marks on top: findings by severity.</p>` : html`<p class="empty">No device was simulated: nothing to draw.</p>`}
${shown.map((t, i) => this.timeline(t, i))}
${all.length > shown.length ? html`<p>${plural(all.length - shown.length, 'more device')} not drawn; --format json has every cycle.</p>` : ''}
</section>`;
  }

  private timeline(t: DeviceTimeline, index: number): Markup {
    const id = `tl-${index + 1}`;
    const said = `${plural(t.cycles, 'cycle')} listed${t.idle.stretches ? `, ${plural(t.idle.cycles, 'idle cycle')} in ${plural(t.idle.stretches, 'idle stretch', 'idle stretches')}` : ''}; at most ${plural(t.peaks.flows, 'flow record')}, ${plural(t.peaks.drops, 'packet')} dropped and ${num(t.peaks.messageBytes)} message bytes per cycle; ${plural(t.marks.length, 'finding')} marked${t.bucketSeconds ? `; cycles merged per ${formatDuration(t.bucketSeconds)}, keeping the largest values` : ''}.`;
    return html`<figure class="timeline" aria-labelledby="${id}-c">
<figcaption id="${id}-c"><strong>${t.device}</strong>: ${said}</figcaption>
${t.extent ? svgTimeline(t, id, (f) => this.anchorsById.get(f)) : html`<p class="empty">The agent collected nothing.</p>`}
</figure>`;
  }

  details(): Markup {
    const findings = this.result.findings;
    const shown = findings.slice(0, this.maxDetails);
    return html`<section id="details" aria-labelledby="details-h">
<h2 id="details-h">Details</h2>
${findings.length ? '' : html`<p class="empty">No findings.</p>`}
${findings.length > shown.length ? html`<p class="note">Details of the first ${num(shown.length)} findings (most severe first); the other ${num(findings.length - shown.length)} are in the table above and in --format json or sarif.</p>` : ''}
${shown.map((f) => this.detail(f))}
</section>`;
  }

  private detail(f: Finding): Markup {
    const a = this.anchors.get(f)!;
    const e = f.evidence;
    const facts: [string, Content][] = [];
    facts.push(['Finding id', html`<code>${f.id}</code>`]);
    if (f.alertType) facts.push(['Alert type', html`<code>${f.alertType}</code>`]);
    facts.push(['Raised by', f.origin === 'cloud' ? 'the simulated cloud' : "this project's checks"]);
    if (f.count !== 1) facts.push(['Raised', `${num(f.count)} times, merged here`]);
    if (f.firstTime !== undefined) facts.push(['Seen', f.lastTime !== undefined && f.lastTime !== f.firstTime ? `${formatTime(f.firstTime)} to ${formatTime(f.lastTime)}` : formatTime(f.firstTime)]);
    facts.push(['Agent data', visibilityText[visibilityOf(f)]]);
    if (e.remote) facts.push(['Remote', e.remote]);
    if (e.indicator) {
      const i = e.indicator;
      facts.push(['Indicator', html`<code>${i.value}</code> (${i.kind}) in <code>${this.path(i.feed)}</code> line ${num(i.line)}${i.label ? html`: ${i.label}` : ''}`]);
    }
    if (e.rule) facts.push(['Rule', html`${e.rule.ruleType} in security group ${e.rule.group} (${e.rule.list}[${num(e.rule.index)}])`]);
    if (e.window) facts.push(['Window', `${formatTime(e.window.start)} to ${formatTime(e.window.end)} (${formatDuration(e.window.seconds)})`]);
    if (e.observed !== undefined) facts.push(['Observed', num(e.observed)]);
    if (e.allowed) facts.push(['Allowed', `${num(e.allowed.min)} to ${num(e.allowed.max)}`]);
    if (e.bytesIn !== undefined || e.bytesOut !== undefined) facts.push(['Bytes', `${num(e.bytesIn ?? 0)} in, ${num(e.bytesOut ?? 0)} out`]);
    for (const [k, v] of Object.entries(e.facts ?? {})) facts.push([k, typeof v === 'number' ? num(v) : String(v)]);
    const fix = f.suggestedFix;
    return html`<article class="finding sev-${sevClass[f.severity] ?? 'info'}" id="${a}" aria-labelledby="${a}-h">
<h3 id="${a}-h"><span class="badge">${f.severity}</span> ${f.code} ${f.device ?? html`<i>hub-wide</i>`}: ${f.title}</h3>
<p>${f.message}</p>
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${e.flows?.length ? this.flows(e.flows, e.flowsNotListed ?? 0, a) : ''}
${f.locations.length ? html`<h4>Where</h4><ul>${f.locations.map((l) => html`<li><code>${this.where(l)}</code> ${l.label} <span class="muted">(${l.role})</span></li>`)}</ul>` : ''}
<h4>Remediation</h4>
<p>${f.remediation}</p>
${fix ? html`<h4>Suggested change</h4><p>${fix.title}, at <code>${this.where(fix)}</code>:</p><pre><code>${fix.newText}</code></pre>` : ''}
<p class="back"><a href="#findings">Back to the findings</a></p>
</article>
`;
  }

  private flows(flows: readonly FlowEvidence[], notListed: number, anchor: string): Markup {
    const max = 50;
    const more = flows.length - Math.min(flows.length, max) + notListed;
    return html`<table class="flows">
<caption>Flows behind this finding</caption>
<thead><tr><th scope="col">Protocol</th><th scope="col">Device end</th><th scope="col">Remote end</th><th scope="col">Direction</th><th scope="col">Bytes in</th><th scope="col">Bytes out</th><th scope="col">First</th><th scope="col">Last</th></tr></thead>
<tbody>${flows.slice(0, max).map((fl, k) => html`<tr><th scope="row" id="${anchor}-flow-${k + 1}">${fl.protocol}</th><td><code>${endpoint(fl.local, fl.localPort)}</code></td><td><code>${endpoint(fl.remote, fl.remotePort)}</code></td><td>${fl.direction}</td><td class="n">${num(fl.bytesIn)}</td><td class="n">${num(fl.bytesOut)}</td><td class="t">${when(fl.firstTime)}</td><td class="t">${when(fl.lastTime)}</td></tr>`)}</tbody>
</table>
${more > 0 ? html`<p class="muted">and ${plural(more, 'more flow')} not listed.</p>` : ''}`;
  }
}

/** An address with its port: IPv6 in brackets so the port reads apart. */
function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

// ---- The timeline drawing --------------------------------------------------------------------------------

const W = 1000;
const LEFT = 92;
const RIGHT = 12;
const PLOT = W - LEFT - RIGHT;
const MARKS = { top: 4, height: 14 };
const PANELS = { flows: { top: 26, height: 60 }, drops: { top: 98, height: 36 }, msg: { top: 148, height: 60 } };
const BAD_Y = 214;
const AXIS_Y = 224;
const H = 246;
const MAX_MARKS = 400;
const f1 = (n: number) => n.toFixed(1);

/** Path data is made here from numbers alone, and may be longer than escapeHtml lets text be: checked, not escaped. */
function pathData(d: string): Markup {
  if (!/^[MLVHZmlvhz0-9. -]*$/.test(d)) throw new Error(`not path data: ${d.slice(0, 40)}`);
  return new Markup(d);
}

/** Inline SVG: marks, then flow bars, drop bars and the message-size line, idle stretches shaded, over a UTC axis. */
function svgTimeline(t: DeviceTimeline, id: string, anchorOf: (findingId: string) => string | undefined): Markup {
  const { start, end } = t.extent!;
  const x = (time: number) => LEFT + (end > start ? ((time - start) / (end - start)) * PLOT : PLOT / 2);
  const y = (v: number, peak: number, p: { top: number; height: number }) => p.top + p.height - (peak > 0 ? (v / peak) * p.height : 0);
  const barWidth = Math.min(6, Math.max(1, (PLOT / Math.max(1, t.points.length)) * 0.6));
  const bars = (value: (p: DeviceTimeline['points'][number]) => number, peak: number, panel: { top: number; height: number }) =>
    t.points.filter((p) => value(p) > 0).map((p) => `M${f1(x(p.time))} ${f1(panel.top + panel.height)}V${f1(y(value(p), peak, panel))}`).join('');
  const msgPeak = Math.max(t.peaks.messageBytes, t.maxMessageSize);
  const line = t.points.map((p, i) => `${i === 0 || p.gapBefore ? 'M' : 'L'}${f1(x(p.time))} ${f1(y(p.messageBytes, msgPeak, PANELS.msg))}`).join('');
  const bad = t.points.filter((p) => isBadOutcome(p.outcome));
  // Bounded so a noisy device stays light (the most severe kept); drawn long spans first, then the less
  // severe, so a short High mark is never hidden under a window-long Low one.
  const rank = (s: FindingSeverity) => FINDING_SEVERITIES.indexOf(s);
  const long = (m: AlertMark) => x(m.lastTime) - x(m.firstTime) > 6;
  const marks = [...t.marks].sort((a, b) => rank(a.severity) - rank(b.severity)).slice(0, MAX_MARKS)
    .sort((a, b) => Number(long(b)) - Number(long(a)) || rank(b.severity) - rank(a.severity));
  const panelLabel = (text: string, peak: number, p: { top: number; height: number }) =>
    html`<text class="lbl muted" x="${LEFT - 6}" y="${f1(p.top + 9)}" text-anchor="end">${num(peak)}</text><text class="lbl" x="${LEFT - 6}" y="${f1(p.top + p.height / 2 + 4)}" text-anchor="end">${text}</text><text class="lbl muted" x="${LEFT - 6}" y="${f1(p.top + p.height)}" text-anchor="end">0</text><line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${p.top + p.height}" y2="${p.top + p.height}"/>`;
  return html`<svg class="tl" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${W} ${H}" width="100%" preserveAspectRatio="xMinYMin meet">
<title id="${id}-t">Timeline of ${t.device}</title>
<desc id="${id}-d">From ${formatTime(start)} to ${formatTime(end)}: ${plural(t.points.length, 'point')} drawn from ${plural(t.cycles, 'cycle')}, ${plural(t.gaps.length, 'idle stretch', 'idle stretches')}, ${plural(bad.length, 'point')} with a message not sent, ${plural(t.marks.length, 'finding')}.</desc>
${t.gaps.map((g) => html`<rect class="gap" x="${f1(x(g.from))}" y="${PANELS.flows.top}" width="${f1(Math.max(1, x(g.to) - x(g.from)))}" height="${PANELS.msg.top + PANELS.msg.height - PANELS.flows.top}"><title>idle ${formatTime(g.from)} to ${formatTime(g.to)}: ${plural(g.cycles, 'cycle')}, ${plural(g.messages, 'message')}, not listed</title></rect>${x(g.to) - x(g.from) > 40 ? html`<text class="lbl muted" x="${f1((x(g.from) + x(g.to)) / 2)}" y="${PANELS.drops.top + 22}" text-anchor="middle">idle</text>` : ''}`)}
${panelLabel('flows', t.peaks.flows, PANELS.flows)}${panelLabel('drops', t.peaks.drops, PANELS.drops)}${panelLabel('message B', msgPeak, PANELS.msg)}
<path class="flows" stroke-width="${f1(barWidth)}" d="${pathData(bars((p) => p.flows, t.peaks.flows, PANELS.flows))}"/>
<path class="drops" stroke-width="${f1(barWidth)}" d="${pathData(bars((p) => p.drops, t.peaks.drops, PANELS.drops))}"/>
${t.maxMessageSize > 0 ? html`<line class="limit" x1="${LEFT}" x2="${W - RIGHT}" y1="${f1(y(t.maxMessageSize, msgPeak, PANELS.msg))}" y2="${f1(y(t.maxMessageSize, msgPeak, PANELS.msg))}"><title>message buffer: ${num(t.maxMessageSize)} bytes</title></line>` : ''}
<path class="msg" d="${pathData(line)}"/>
${t.points.length <= 120 ? t.points.map((p) => html`<circle class="msg-dot" cx="${f1(x(p.time))}" cy="${f1(y(p.messageBytes, msgPeak, PANELS.msg))}" r="2"><title>${formatTime(p.time)}: ${plural(p.flows, 'flow')}, ${num(p.bytesIn)} B in, ${num(p.bytesOut)} B out, ${plural(p.drops, 'drop')}, message ${num(p.messageBytes)} B, ${p.outcome}</title></circle>`) : ''}
${bad.map((p) => html`<path class="bad" d="M${f1(x(p.time))} ${BAD_Y - 6}l4 8h-8z"><title>${formatTime(p.time)}${p.cycles > 1 ? ` (${plural(p.cycles, 'cycle')} to ${formatTime(p.timeEnd)})` : ''}: ${p.outcome}</title></path>`)}
<text class="lbl" x="${LEFT - 6}" y="${MARKS.top + 11}" text-anchor="end">findings</text>
${marks.map((m) => {
    const x0 = x(m.firstTime);
    // A finding over a span (a custom alert's window) is a thin bar; one at an instant a full-height tick.
    const [top, height] = long(m) ? [MARKS.top + MARKS.height / 2 - 3, 6] : [MARKS.top, MARKS.height];
    const mark = html`<rect class="mark sev-${sevClass[m.severity] ?? 'info'}" x="${f1(x0 - 1.5)}" y="${f1(top)}" width="${f1(Math.max(3, x(m.lastTime) - x0 + 3))}" height="${height}"><title>${m.severity} ${m.code}: ${m.title} (${formatTime(m.firstTime)}${m.lastTime !== m.firstTime ? ` to ${formatTime(m.lastTime)}` : ''})${m.agentVisible === false ? ', ground truth only' : ''}</title></rect>`;
    const a = anchorOf(m.id);
    return a ? html`<a href="#${a}">${mark}</a>` : mark;
  })}
<line class="axis" x1="${LEFT}" x2="${W - RIGHT}" y1="${AXIS_Y}" y2="${AXIS_Y}"/>
<text class="lbl" x="${LEFT}" y="${AXIS_Y + 16}">${formatTime(start)}</text>
<text class="lbl" x="${W - RIGHT}" y="${AXIS_Y + 16}" text-anchor="end">${formatTime(end)}</text>
${end > start ? html`<text class="lbl muted" x="${LEFT + PLOT / 2}" y="${AXIS_Y + 16}" text-anchor="middle">${formatDuration(end - start)}</text>` : ''}
</svg>
${t.marks.length > MAX_MARKS ? html`<p class="muted">${plural(t.marks.length - MAX_MARKS, 'less severe finding')} not marked.</p>` : ''}`;
}

// ---- Style -----------------------------------------------------------------------------------------------

const STYLE = `
:root { color-scheme: light dark;
  --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --border: #d1d9e0; --head: #f6f8fa; --accent: #0969da;
  --drop: #cf222e; --msg: #8250df; --gap: #eef1f4; --high: #cf222e; --medium: #bc4c00; --low: #9a6700; --info: #59636e; }
@media (prefers-color-scheme: dark) { :root {
  --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --border: #3d444d; --head: #151b23; --accent: #4493f8;
  --drop: #f85149; --msg: #ab7df8; --gap: #1c2230; --high: #f85149; --medium: #f0883e; --low: #d29922; --info: #9198a1; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--border); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; } h4 { font-size: .95rem; margin: 1rem 0 .25rem; }
a { color: var(--accent); } code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; overflow-wrap: anywhere; }
pre { background: var(--head); border: 1px solid var(--border); padding: .5rem; white-space: pre-wrap; }
.lead { font-size: 1.05rem; } .muted { color: var(--muted); } .empty { padding: 1rem; border: 1px dashed var(--border); color: var(--muted); }
.problem { border-left: 4px solid var(--high); padding: .25rem 1rem; background: var(--head); }
table { border-collapse: collapse; margin: 1rem 0; width: auto; } caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--border); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th, tfoot th, tfoot td { background: var(--head); } th[scope=row] { font-weight: 500; }
td.n, .counts td { text-align: right; font-variant-numeric: tabular-nums; } td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; } table.findings { width: 100%; } table.findings td:nth-child(6) { min-width: 22rem; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; border: 1px solid currentColor; font-size: .85em; font-weight: 600; white-space: nowrap; }
.sev-high .badge { color: var(--high); } .sev-medium .badge { color: var(--medium); } .sev-low .badge { color: var(--low); } .sev-info .badge { color: var(--info); }
tr.sev-high > td:first-child { border-left: 4px solid var(--high); } tr.sev-medium > td:first-child { border-left: 4px solid var(--medium); }
tr.sev-low > td:first-child { border-left: 4px solid var(--low); } tr.sev-info > td:first-child { border-left: 4px solid var(--info); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; } dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
article.finding { border: 1px solid var(--border); border-left-width: 4px; padding: 0 1rem .5rem; margin: 1rem 0; }
article.sev-high { border-left-color: var(--high); } article.sev-medium { border-left-color: var(--medium); } article.sev-low { border-left-color: var(--low); } article.sev-info { border-left-color: var(--info); }
.back { font-size: .85em; }
figure.timeline { margin: 1rem 0 2rem; } figcaption { margin-bottom: .25rem; }
svg.tl { display: block; max-width: 100%; height: auto; background: var(--bg); }
svg.tl .lbl { font: 11px system-ui, sans-serif; fill: var(--fg); } svg.tl .lbl.muted { fill: var(--muted); }
svg.tl .grid, svg.tl .axis { stroke: var(--border); stroke-width: 1; }
svg.tl .flows { stroke: var(--accent); fill: none; } svg.tl .drops { stroke: var(--drop); fill: none; }
svg.tl .msg { stroke: var(--msg); stroke-width: 1.5; fill: none; } svg.tl .msg-dot { fill: var(--msg); }
svg.tl .limit { stroke: var(--muted); stroke-dasharray: 4 3; } svg.tl .gap { fill: var(--gap); } svg.tl .bad { fill: var(--drop); }
svg.tl .mark { opacity: .85; } svg.tl .mark.sev-high { fill: var(--high); } svg.tl .mark.sev-medium { fill: var(--medium); }
svg.tl .mark.sev-low { fill: var(--low); } svg.tl .mark.sev-info { fill: var(--info); }
.legend .key { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 .8rem; vertical-align: middle; border-radius: 2px; }
.k-flows { background: var(--accent); } .k-drops { background: var(--drop); } .k-msg { background: var(--msg); } .k-bad { background: var(--drop); clip-path: polygon(50% 0, 100% 100%, 0 100%); } .k-gap { background: var(--gap); border: 1px solid var(--border); }
@media print {
  :root { color-scheme: light; --fg: #000; --bg: #fff; --muted: #444; --border: #999; --head: #eee; --accent: #0550ae; --gap: #eee; }
  body { max-width: none; padding: 0; font-size: 10pt; } nav, .back { display: none; } a { color: inherit; text-decoration: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  article.finding, figure.timeline, tr { break-inside: avoid; } h2, h3 { break-after: avoid; } .scroll { overflow: visible; }
  th, td { padding: .15rem .3rem; } td.t { white-space: normal; } table.findings td:nth-child(6) { min-width: 0; } .badge { padding: 0 .2rem; }
  table.findings { font-size: 8pt; }
}
`;
