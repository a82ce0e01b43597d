// The details of one finding: what was seen, whether the agent reported it, the evidence (flows, window,
// indicator), where to act (links that open the rule, feed line or configuration line), and the remedy.
import type { Finding, SourceLocation } from '../../src-core/findings/finding';
import { formatDuration, formatTime } from '../../src-core/findings/time-text';
import { el, icon } from './dom';

const visibility = (f: Finding) =>
  f.agentVisible === true ? 'Yes: the agent, as configured, reported the data this rests on.'
    : f.agentVisible === false ? 'No: only the ground truth shows it; the agent, as configured, did not report the data (see the agent\'s hints for why).'
      : 'Not agent data: it rests on the hub\'s settings, the hub\'s logs or the profile.';

export function detailsView(f: Finding, relative: (file: string) => string, open: (l: SourceLocation) => void, close: () => void): HTMLElement {
  const root = el('section', { class: 'details', 'aria-label': `Details of ${f.title}`, tabindex: -1 });
  const closeButton = el('button', { class: 'icon-button', title: 'Close the details (Escape)', 'aria-label': 'Close the details' }, icon('close'));
  closeButton.addEventListener('click', close);
  root.appendChild(el('header', {}, el('h2', {}, el('span', { class: `sev sev-${f.severity.toLowerCase()}` }, f.severity), ' ', f.title), closeButton));
  root.appendChild(el('p', { class: 'message' }, f.message));
  const meta = el('dl', { class: 'meta' });
  const row = (k: string, v: string | number | undefined) => v !== undefined && v !== '' && meta.append(el('dt', {}, k), el('dd', {}, String(v)));
  row('Code', `${f.code}${f.alertType ? ` (${f.alertType})` : ''}`);
  row('Kind', `${f.kind}, ${f.origin === 'cloud' ? 'as the retired cloud raised it' : 'a check of this project\'s own'}`);
  row('Device', f.device ?? 'the hub');
  if (f.firstTime !== undefined) row('When', f.firstTime === f.lastTime ? formatTime(f.firstTime) : `${formatTime(f.firstTime)} to ${formatTime(f.lastTime ?? f.firstTime)} (${formatDuration((f.lastTime ?? f.firstTime) - f.firstTime)})`);
  row('Count', f.count);
  row('Agent reported it', visibility(f));
  root.appendChild(meta);

  const e = f.evidence;
  const ev = el('div', { class: 'evidence' }, el('h3', {}, 'Evidence'));
  const facts = el('dl', { class: 'meta' });
  const fact = (k: string, v: string | number | boolean | undefined) => v !== undefined && facts.append(el('dt', {}, k), el('dd', {}, String(v)));
  if (e.rule) fact('Rule', `${e.rule.ruleType} in ${e.rule.group} (${e.rule.list}[${e.rule.index}])`);
  if (e.window) fact('Window', `${formatTime(e.window.start)} to ${formatTime(e.window.end)} (${formatDuration(e.window.seconds)})`);
  if (e.observed !== undefined) fact('Observed', e.observed);
  if (e.allowed) fact('Allowed', `${e.allowed.min} to ${e.allowed.max}`);
  if (e.indicator) fact('Indicator', `${e.indicator.value} (${e.indicator.kind}), ${e.indicator.feed} line ${e.indicator.line}${e.indicator.label ? `: ${e.indicator.label}` : ''}`);
  if (e.remote) fact('Remote', e.remote);
  if (e.bytesIn !== undefined) fact('Bytes in / out', `${e.bytesIn} / ${e.bytesOut ?? 0}`);
  for (const [k, v] of Object.entries(e.facts ?? {})) fact(k.replace(/([A-Z])/g, ' $1').toLowerCase(), v);
  if (facts.childElementCount) ev.appendChild(facts);
  if (e.flows?.length) {
    const table = el('table', { class: 'flows' }, el('caption', {}, `Flows${e.flowsNotListed ? ` (${e.flowsNotListed} more not listed)` : ''}`));
    table.appendChild(el('thead', {}, el('tr', {}, ...['Protocol', 'Device', 'Remote', 'Direction', 'Bytes in', 'Bytes out', 'First', 'Last'].map((h) => el('th', { scope: 'col' }, h)))));
    const body = el('tbody');
    for (const fl of e.flows) {
      body.appendChild(el('tr', {},
        el('td', {}, fl.protocol), el('td', {}, `${fl.local}${fl.localPort ? `:${fl.localPort}` : ''}`), el('td', {}, `${fl.remote}${fl.remotePort ? `:${fl.remotePort}` : ''}`),
        el('td', {}, fl.direction), el('td', { class: 'num' }, fl.bytesIn), el('td', { class: 'num' }, fl.bytesOut), el('td', {}, formatTime(fl.firstTime)), el('td', {}, formatTime(fl.lastTime))));
    }
    table.appendChild(body);
    ev.appendChild(table);
  }
  root.appendChild(ev);

  if (f.locations.length) {
    const list = el('ul', { class: 'locations' });
    for (const l of f.locations) {
      const b = el('button', { class: 'link', title: `Open ${relative(l.file)} at line ${l.range.start.line + 1}` }, icon('go-to-file'), ` ${relative(l.file)}:${l.range.start.line + 1}:${l.range.start.character + 1}`);
      b.addEventListener('click', () => open(l));
      list.appendChild(el('li', {}, b, el('span', { class: 'muted' }, ` ${l.role}: ${l.label}`)));
    }
    root.append(el('h3', {}, 'Where to act'), list);
  }
  root.append(el('h3', {}, 'What to do'), el('p', {}, f.remediation));
  if (f.suggestedFix) root.appendChild(el('p', { class: 'muted' }, `Quick fix in the editor: ${f.suggestedFix.title}.`));
  return root;
}
