// The HTML report: hostile inputs reach the page only as text (every `<` in it is the report's own markup,
// no event handler, no external resource, scripts forbidden by its CSP), the same result gives the same
// bytes, an empty run says so, the details carry the evidence, and a day-long run stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { simulationHtml, escapeHtml } from '../../../src-core/findings/html-report';
import type { Finding } from '../../../src-core/findings/finding';
import type { CycleReport } from '../../../src-core/agent/agent-report';
import type { DeviceResult, SimulationResult } from '../../../src-core/simulator/simulation-types';
import { runSimulation } from '../../../src-core/simulator/run-simulation';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { T0, capture, cli, tempDir } from '../agent/fixtures';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(1)</script>';
const SVG = `"'><svg onload=alert(1)>`;
const AMP = '&amp; text';
const CONTROL = 'ctl\u0000\u0007\u001b[2J\u009b\u202egnp.exe';
const URL_TEXT = 'https://evil.example/x.png';
const HOSTILE = `${IMG}${SCRIPT}${SVG}${AMP}${CONTROL} ${URL_TEXT}`;
// File names cannot hold '/' (nor NUL): the same corpus without them.
const HOSTILE_FILE = `${IMG}${SVG}${AMP}\u001b[2J`;

const OPTIONS = { configSource: 'RTOS_BASE defaults', cwd: '/work', toolVersion: '0.1.0' };

// The tags and attributes the report writes; any other `<name` or attribute would have come from an input.
const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'p', 'nav', 'a', 'main', 'section', 'table',
  'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'dl', 'dt', 'dd', 'div', 'ul', 'li', 'strong', 'i', 'code', 'pre', 'span', 'article',
  'figure', 'figcaption', 'footer', 'svg', 'desc', 'rect', 'text', 'line', 'path', 'circle']);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'href', 'id', 'class', 'scope', 'role', 'aria-label', 'aria-labelledby',
  'viewBox', 'width', 'height', 'preserveAspectRatio', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'd', 'cx', 'cy', 'r', 'text-anchor', 'stroke-width']);

/** Every `<` starts one of the report's tags, with the report's attributes, links only within the page. */
function assertOnlyOwnMarkup(page: string): void {
  assert.ok(page.startsWith('<!doctype html>\n'));
  const body = page.slice('<!doctype html>'.length);
  const lt = body.split('<').length - 1;
  const tags = [...body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:="[^"<>]*")?)*)\s*\/?>/g)];
  assert.equal(tags.length, lt, 'every < opens or closes a well-formed tag');
  for (const [, , name, attrs] of tags) {
    assert.ok(TAGS.has(name), `tag <${name}> is the report's`);
    for (const [, attr, value] of attrs.matchAll(/\s+([a-zA-Z][a-zA-Z0-9-]*)(?:="([^"]*)")?/g)) {
      assert.ok(ATTRIBUTES.has(attr) && !/^on/i.test(attr), `attribute ${attr} on <${name}>`);
      if (attr === 'href') assert.match(value, /^#[a-z0-9-]+$/, 'links stay in the page');
    }
  }
  // (An `onerror=` in the text is fine: the tags above are the only markup, and none has an on* attribute.)
  assert.doesNotMatch(page, /<script|<img|<svg onload|<iframe|<object|<embed|<link|<base|<form/i);
  assert.doesNotMatch(page, /(src|href)\s*=\s*["']?(https?:)?\/\//i, 'no remote resource');
  assert.doesNotMatch(page, /url\(|@import|@font-face/i, 'no resource from the style sheet');
  assert.doesNotMatch(page, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, 'no raw control or bidi character');
}

function cspOf(page: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
  assert.ok(m, 'the CSP meta is there');
  return m[1];
}

let n = 0;
function finding(over: Partial<Finding> = {}): Finding {
  n++;
  return {
    id: `F${n}`, code: 'MA400', kind: 'alert', severity: 'Medium', origin: 'cloud', title: `title ${n}`, message: `message ${n}`,
    device: 'dev-1', firstTime: T0, lastTime: T0, count: 1, evidence: {}, locations: [], agentVisible: true, remediation: 'Fix it.',
    ...over,
  };
}

function cycle(time: number, over: Partial<CycleReport> = {}): CycleReport {
  return { time, flows: 2, ipv4Records: 2, ipv6Records: 0, bytesIn: 100, bytesOut: 200, drops: 0, events: [], messageBytes: 300, messageFrontBytes: 200, outcome: 'sent', ...over };
}

function device(id: string, cycles: CycleReport[], idleSkipped: DeviceResult['agent']['idleSkipped'] = []): DeviceResult {
  return {
    id, securityGroup: 'default', addresses: ['192.168.1.10'], approximate: false,
    agent: {
      state: [], firstCollectionTime: null, flowsRecorded: 0, packetsRecorded: 0, packetsDropped: 0, packetsNotSeen: {}, messagesSent: 0,
      messagesDropped: 0, messagesFailed: 0, messagesLostUnsent: 0, messagesLostSendsFailing: 0, sendAttempts: 0, sendsFailed: 0, maxMessageBytes: 0, maxMessageSize: 4096, emitterPageSize: null,
      hung: null, silentFrom: null, cycles, peakFlowsPerCycle: { ipv4: 0, ipv6: 0 }, idleSkipped,
      poolLeak: { ipv4: { leaked: 0, poolSize: 64, failedWhileSuspended: 0, firstLeak: null, blindFrom: null, outageFrom: null }, ipv6: { leaked: 0, poolSize: 64, failedWhileSuspended: 0, firstLeak: null, blindFrom: null, outageFrom: null } },
    },
    truth: { flows: 0, packets: 0, bytes: 0, flowsPartlyMissed: 0, flowsNeverRecorded: 0, flowsListed: [], flowsNotListed: 0 },
    cloudEvents: { summary: {}, events: [] },
  };
}

function result(devices: DeviceResult[], findings: Finding[]): SimulationResult {
  const times = devices.flatMap((d) => d.agent.cycles.map((c) => c.time));
  return {
    summary: {
      format: 'pcap', packetsRead: 0, errors: [], notes: [], seed: 1, firstPacketTime: times.length ? Math.min(...times) : null,
      lastPacketTime: times.length ? Math.max(...times) : null, approximate: false, inputs: [],
    },
    devices, findings, detectionNotes: [],
  };
}

/** A real run over a capture whose file name, device id and security group are hostile, plus hostile findings. */
function hostileRun(t: { after: (fn: () => void) => void }): { r: SimulationResult; cwd: string } {
  const cwd = tempDir(t);
  mkdirSync(join(cwd, 'captures'));
  const pcap = capture(cwd, join('captures', `${HOSTILE_FILE}.pcap`), '192.168.1.50', ['52.169.10.1', '8.8.8.8']);
  const r = runSimulation({ capture: pcap, config: { ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 5 }, devices: [{ id: HOSTILE, addresses: ['192.168.1.50'], securityGroup: HOSTILE }], seed: 1 });
  const feed = join(cwd, `${HOSTILE_FILE}.netset`);
  const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } };
  r.findings.push(
    finding({
      id: `MA400:${HOSTILE}`, device: HOSTILE, title: HOSTILE, message: HOSTILE, alertType: HOSTILE, remediation: HOSTILE, severity: 'High', firstTime: T0 + 5, lastTime: T0 + 9,
      evidence: {
        remote: `${IMG}.evil.example`,
        indicator: { value: `${SVG}.example`, kind: 'domain', feed, line: 2, label: HOSTILE },
        rule: { group: HOSTILE, ruleType: HOSTILE, list: HOSTILE, index: 0 },
        window: { start: T0, end: T0 + 300, seconds: 300 }, observed: 17, allowed: { min: 0, max: 12 },
        flows: [{ protocol: 'UDP', local: HOSTILE, localPort: 1, remote: `${SCRIPT}.example`, remotePort: 2, bytesIn: 3, bytesOut: 4, firstTime: T0, lastTime: T0, direction: 'outbound' }],
        facts: { [HOSTILE]: HOSTILE, packets: 5, flag: true },
      },
      locations: [{ file: join(cwd, 'baselines', `${HOSTILE_FILE}.baseline.json`), range, role: 'rule', label: HOSTILE }],
      suggestedFix: { title: HOSTILE, file: feed, range, newText: HOSTILE },
    }),
    finding({ id: 'MA421:hub', device: undefined, firstTime: undefined, lastTime: undefined, title: 'hub-wide', message: 'about the hub', agentVisible: null }),
  );
  r.detectionNotes.push(HOSTILE);
  r.summary.notes.push(HOSTILE);
  r.summary.errors.push(HOSTILE);
  return { r, cwd };
}

test('escapeHtml: markup characters as entities, hidden characters shown, long text cut without splitting a pair', () => {
  assert.equal(escapeHtml(`${IMG}${SVG}&amp;`), '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&gt;&lt;svg onload=alert(1)&gt;&amp;amp;');
  assert.equal(escapeHtml('a\u0000b\u001bc\u202ed\ne\tf'), 'a\\u0000b\\u001bc\\u202ed\ne\tf');
  assert.equal(escapeHtml('abcdef', 3), 'abc… (3 more characters)');
  assert.equal(escapeHtml('ab\u{1F600}cd', 3), 'ab… (4 more characters)');
});

test('hostile inputs (device id, DNS names, feed file and label, file names, rule group, notes) appear only escaped', (t) => {
  const { r, cwd } = hostileRun(t);
  const page = simulationHtml(r, { configSource: join(cwd, `${HOSTILE_FILE}.h`), cwd, toolVersion: HOSTILE });
  assertOnlyOwnMarkup(page);
  const csp = cspOf(page);
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /script-src|unsafe-eval|https?:/, 'scripts forbidden entirely');
  // The corpus is there, as text.
  const escaped = escapeHtml(HOSTILE);
  assert.ok(escaped.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(escaped.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(escaped.includes('&quot;&#39;&gt;&lt;svg onload=alert(1)&gt;'));
  assert.ok(escaped.includes('&amp;amp; text'));
  assert.ok(escaped.includes('ctl\\u0000\\u0007\\u001b[2J\\u009b\\u202egnp.exe'));
  const count = (s: string) => page.split(s).length - 1;
  assert.ok(count(escaped) >= 8, `the device id, title, message, label... (${count(escaped)} times)`);
  assert.ok(page.includes(`&lt;img src=x onerror=alert(1)&gt;.evil.example`), 'DNS name');
  assert.ok(page.includes(`${escapeHtml(SCRIPT)}.example:2`), 'remote end with its port');
  // Files relative to cwd, with 1-based line:column.
  assert.ok(page.includes(`<code>captures/${escapeHtml(HOSTILE_FILE)}.pcap</code>`), 'capture file name, relative');
  assert.ok(page.includes(`<code>baselines/${escapeHtml(HOSTILE_FILE)}.baseline.json:2:1</code>`), 'location, relative, 1-based');
  assert.ok(page.includes(`<code>${escapeHtml(HOSTILE_FILE)}.netset</code> line 2`), 'feed file and line');
  assert.ok(page.includes(`<code>${escapeHtml(HOSTILE_FILE)}.h</code>`), 'configuration file');
  assert.equal(count('onerror='), count('&lt;img src=x onerror='), 'every onerror= is inside escaped text');
  assert.equal(count('onload='), count('&lt;svg onload='), 'every onload= is inside escaped text');
});

test('the same result gives the same bytes; a re-run of the same inputs too', (t) => {
  const a = hostileRun(t);
  const one = simulationHtml(a.r, { ...OPTIONS, cwd: a.cwd });
  assert.equal(simulationHtml(a.r, { ...OPTIONS, cwd: a.cwd }), one);
  assert.equal(simulationHtml(JSON.parse(JSON.stringify(a.r)), { ...OPTIONS, cwd: a.cwd }), one, 'a copy of the result (as read back from JSON)');
  const b = hostileRun(t);
  const other = simulationHtml(b.r, { ...OPTIONS, cwd: b.cwd });
  assert.equal(other.split(b.cwd).join('CWD'), one.split(a.cwd).join('CWD'), 'same inputs in another folder: same page');
});

test('an empty run shows a clear empty state, and is still a whole page', () => {
  const page = simulationHtml(result([], []), OPTIONS);
  assertOnlyOwnMarkup(page);
  cspOf(page);
  assert.match(page, /<p class="empty">No findings: neither the simulated cloud nor this project's checks raised anything/);
  assert.match(page, /No device was simulated/);
  assert.doesNotMatch(page, /<table class="findings">/);
  assert.doesNotMatch(page, /<svg/);
  assert.match(page, /0 findings \(0 alerts, 0 recommendations, 0 hints\) for 0 devices\./);
  assert.match(page, /<dt>Time span<\/dt><dd>no packet read<\/dd>/);
  assert.match(page, /<\/html>\n$/);
});

test('findings table, summary, details with evidence, and a timeline per device with linked marks', () => {
  const d = device('dev-1', [cycle(T0 + 10), cycle(T0 + 20, { drops: 9, flows: 30 }), cycle(T0 + 1000, { outcome: 'dropped-too-big', messageBytes: 0 })], [{ from: T0 + 30, to: T0 + 1000, cycles: 97, messages: 16 }]);
  const fs = [
    finding({
      id: 'a', severity: 'High', title: 'Suspicious IP', device: 'dev-1', firstTime: T0 + 20, lastTime: T0 + 20, count: 3, alertType: 'IoT_CA_X',
      evidence: {
        remote: '185.220.101.7', indicator: { value: '185.220.101.0/24', kind: 'ipv4', feed: 'feeds/block.netset', line: 2, label: 'relays' },
        flows: [{ protocol: 'TCP', local: 'fd00::50', localPort: 23, remote: '185.220.101.7', remotePort: 49157, bytesIn: 1234, bytesOut: 5678, firstTime: T0 + 20, lastTime: T0 + 21, direction: 'inbound' }],
        flowsNotListed: 4, bytesIn: 1234, bytesOut: 5678,
      },
      locations: [{ file: 'feeds/block.netset', range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, role: 'indicator', label: 'feed line 2' }],
      remediation: 'Block it.',
    }),
    finding({
      id: 'b', severity: 'Low', code: 'MA410', device: 'dev-1', firstTime: T0, lastTime: T0 + 300, agentVisible: false,
      evidence: { window: { start: T0, end: T0 + 300, seconds: 300 }, observed: 17, allowed: { min: 0, max: 12 }, rule: { group: 'door-locks', ruleType: 'ActiveConnectionsNotInAllowedRange', list: 'timeWindowRules', index: 0 } },
    }),
    finding({ id: 'c', kind: 'recommendation', device: undefined, firstTime: undefined, lastTime: undefined, agentVisible: null, title: 'Deny by default' }),
  ];
  const page = simulationHtml(result([d], fs), OPTIONS);
  assertOnlyOwnMarkup(page);
  // Summary counts.
  assert.match(page, /<tr><th scope="row">alert<\/th><td>1<\/td><td>0<\/td><td>1<\/td><td>0<\/td><td>2<\/td><\/tr>/);
  assert.match(page, /1 seen by the agent as configured, 1 only in the ground truth/);
  // The table: a row per finding, headers with scope, a caption.
  assert.match(page, /<caption>3 findings, most severe first<\/caption>/);
  assert.equal(page.match(/<tr class="sev-/g)?.length, 3);
  assert.match(page, /<th scope="row"><a href="#f-1">Suspicious IP<\/a><\/th>/);
  assert.match(page, /<td><i>hub-wide<\/i><\/td>/);
  assert.match(page, /<td>missed \(ground truth only\)<\/td>/);
  // Details: flows with addresses, ports, bytes each way, direction, times; indicator; window; locations; remediation.
  assert.match(page, /<code>\[fd00::50\]:23<\/code><\/td><td><code>185\.220\.101\.7:49157<\/code><\/td><td>inbound<\/td><td class="n">1,234<\/td><td class="n">5,678<\/td><td class="t">2023-11-14 22:13:40Z<\/td><td class="t">2023-11-14 22:13:41Z<\/td>/);
  assert.match(page, /and 4 more flows not listed/);
  assert.match(page, /<dt>Indicator<\/dt><dd><code>185\.220\.101\.0\/24<\/code> \(ipv4\) in <code>feeds\/block\.netset<\/code> line 2: relays<\/dd>/);
  assert.match(page, /<dt>Window<\/dt><dd>2023-11-14 22:13:20Z to 2023-11-14 22:18:20Z \(5 min\)<\/dd><dt>Observed<\/dt><dd>17<\/dd><dt>Allowed<\/dt><dd>0 to 12<\/dd>/);
  assert.match(page, /<dt>Rule<\/dt><dd>ActiveConnectionsNotInAllowedRange in security group door-locks \(timeWindowRules\[0\]\)<\/dd>/);
  assert.match(page, /<li><code>feeds\/block\.netset:2:1<\/code> feed line 2 <span class="muted">\(indicator\)<\/span><\/li>/);
  assert.match(page, /<h4>Remediation<\/h4>\n<p>Block it\.<\/p>/);
  assert.equal(page.match(/<article class="finding/g)?.length, 3);
  // Timeline: one SVG, the idle stretch shaded, the lost message marked, marks linking to details.
  assert.equal(page.match(/<svg class="tl" role="img"/g)?.length, 1);
  assert.match(page, /<rect class="gap"[^>]*><title>idle 2023-11-14 22:13:50Z to 2023-11-14 22:30:00Z: 97 cycles, 16 messages, not listed<\/title>/);
  assert.match(page, /<path class="bad"[^>]*><title>2023-11-14 22:30:00Z: dropped-too-big<\/title>/);
  assert.match(page, /<a href="#f-1"><rect class="mark sev-high"/);
  assert.match(page, /<a href="#f-2"><rect class="mark sev-low"/);
  assert.match(page, /@media \(prefers-color-scheme: dark\)/);
  assert.match(page, /@media print/);
});

test('a day-long run with thousands of findings stays bounded: every finding in the table, 500 details, points and marks capped', () => {
  const cycles: CycleReport[] = [];
  for (let i = 0; i < 8640; i++) cycles.push(cycle(T0 + i * 10, { flows: i % 5, drops: i === 4000 ? 50 : 0 }));
  const fs = Array.from({ length: 3000 }, (_, i) => finding({ id: `F-${i}`, severity: i % 3 ? 'Low' : 'High', firstTime: T0 + i * 28, lastTime: T0 + i * 28, title: `finding ${i}` }));
  const page = simulationHtml(result([device('dev-1', cycles)], fs), OPTIONS);
  assertOnlyOwnMarkup(page);
  assert.equal(page.match(/<tr class="sev-/g)?.length, 3000, 'every finding listed');
  assert.equal(page.match(/<article class="finding/g)?.length, 500);
  assert.match(page, /Details of the first 500 findings \(most severe first\); the other 2,500 are in the table above/);
  assert.match(page, /2,600 less severe findings not marked\./);
  assert.equal(page.match(/<rect class="mark /g)?.length, 400);
  const flows = /<path class="flows"[^>]*d="([^"]*)"/.exec(page)![1];
  assert.ok(flows.split('M').length - 1 <= 600, 'at most 600 bars');
  for (const [, d] of page.matchAll(/<path class="(?:flows|drops|msg)"[^>]*d="([^"]*)"/g)) assert.match(d, /^[MLV0-9. ]+$/, 'path data whole, never cut like text');
  assert.match(page, /cycles merged per 2 min 24 s, keeping the largest values/);
  assert.ok(page.length < 4_000_000, `${page.length} bytes`);
});

test('microagent simulate --format html on the example workspace: a whole report, paths relative to the working folder', async (t) => {
  const dir = tempDir(t);
  const demo = await cli(['demo', '--out', dir], dir);
  assert.equal(demo.status, 0, demo.stderr);
  const r = await cli(['simulate', '--profile', join(dir, 'microagent.json'), '--format', 'html'], dir);
  assert.equal(r.status, 0, r.stderr);
  const page = r.stdout;
  assertOnlyOwnMarkup(page);
  cspOf(page);
  assert.match(page, /<code>captures\/door-lock-01\.pcap<\/code>/);
  assert.match(page, /<code>firmware\/asc_config\.h<\/code>/);
  assert.match(page, /<figcaption id="tl-1-c"><strong>door-lock-01<\/strong>/);
  assert.ok((page.match(/<article class="finding/g)?.length ?? 0) >= 5);
});
