// Draws one device's timeline as inline SVG from the view model's points: flows per cycle (bars), drops (red
// bars below), message size (a line, with the size the buffer was made for), idle stretches (hatched) and
// the findings (ticks coloured by severity; a click selects the finding).
import type { DeviceTimeline } from '../../src-core/findings/view-model';
import { isBadOutcome } from '../../src-core/findings/view-model';
import { formatTime } from '../../src-core/findings/time-text';
import { el, svg } from './dom';

const W = 900;
const H = 150;
const PAD = { left: 44, right: 10, top: 18, bottom: 22 };

export function timelineView(t: DeviceTimeline, onMark: (id: string) => void): HTMLElement {
  const box = el('figure', { class: 'timeline' });
  box.appendChild(el('figcaption', {}, `${t.device}: ${t.cycles} cycles${t.bucketSeconds ? ` (merged into ${t.points.length} points of ${Math.round(t.bucketSeconds)} s; each shows its busiest cycle)` : ''}` +
    `${t.idle.stretches ? `, ${t.idle.cycles} idle cycles not drawn` : ''}`));
  if (!t.extent) {
    box.appendChild(el('p', { class: 'muted' }, 'No cycle to draw.'));
    return box;
  }
  const { start, end } = t.extent;
  const span = Math.max(1, end - start);
  const x = (time: number) => PAD.left + ((time - start) / span) * (W - PAD.left - PAD.right);
  const plotH = H - PAD.top - PAD.bottom;
  const flowsH = plotH * 0.7;
  const base = PAD.top + flowsH;
  const yFlows = (v: number) => base - (t.peaks.flows ? (v / t.peaks.flows) * flowsH : 0);
  const dropsH = plotH - flowsH;
  const maxMsg = Math.max(t.peaks.messageBytes, t.maxMessageSize, 1);
  const yMsg = (v: number) => base - (v / maxMsg) * flowsH;
  const barW = Math.max(1, Math.min(8, (W - PAD.left - PAD.right) / Math.max(1, t.points.length) - 1));

  const label = `Timeline of ${t.device}: up to ${t.peaks.flows} flows and ${t.peaks.drops} dropped packets a cycle, messages up to ${t.peaks.messageBytes} bytes, ${t.marks.length} findings marked`;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart' });
  chart.appendChild(svg('title', {}, label));
  for (const g of t.gaps) chart.appendChild(svg('rect', { class: 'gap', x: x(g.from), y: PAD.top, width: Math.max(1, x(g.to) - x(g.from)), height: plotH }, svg('title', {}, `idle: ${g.cycles} cycles without traffic`)));
  chart.appendChild(svg('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: base, y2: base }));
  chart.appendChild(svg('text', { class: 'tick', x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end' }, String(t.peaks.flows)));
  chart.appendChild(svg('text', { class: 'tick', x: PAD.left - 4, y: base, 'text-anchor': 'end' }, '0'));
  for (const p of t.points) {
    const cx = x(p.time) - barW / 2;
    const bad = isBadOutcome(p.outcome);
    chart.appendChild(svg('rect', { class: bad ? 'bar bad' : 'bar', x: cx, y: yFlows(p.flows), width: barW, height: Math.max(0, base - yFlows(p.flows)) },
      svg('title', {}, `${formatTime(p.time)}: ${p.flows} flows, ${p.bytesIn} B in, ${p.bytesOut} B out, message ${p.messageBytes} B, ${p.outcome}${p.drops ? `, ${p.drops} packets dropped` : ''}`)));
    if (p.drops) {
      const h = t.peaks.drops ? (p.drops / t.peaks.drops) * (dropsH - 4) : 0;
      chart.appendChild(svg('rect', { class: 'drops', x: cx, y: base + 2, width: barW, height: Math.max(1, h) }, svg('title', {}, `${p.drops} packets dropped (cache full)`)));
    }
  }
  // Message sizes as one line, broken at idle stretches.
  let d = '';
  t.points.forEach((p, i) => {
    if (!p.messageBytes) return;
    d += `${i === 0 || p.gapBefore || !d ? 'M' : 'L'}${x(p.time).toFixed(1)},${yMsg(p.messageBytes).toFixed(1)} `;
  });
  if (d) chart.appendChild(svg('path', { class: 'msg', d }, svg('title', {}, 'message size')));
  if (t.maxMessageSize) chart.appendChild(svg('line', { class: 'limit', x1: PAD.left, x2: W - PAD.right, y1: yMsg(t.maxMessageSize), y2: yMsg(t.maxMessageSize) }, svg('title', {}, `the message size the agent's buffers are sized for: ${t.maxMessageSize} B`)));
  // Findings in lanes above the chart, so spans that overlap stay apart (a point finding is a small diamond).
  const laneEnds: number[] = [];
  const LANES = 3;
  for (const m of [...t.marks].sort((a, b) => a.firstTime - b.firstTime)) {
    const x0 = x(m.firstTime);
    const x1 = Math.max(x0, x(m.lastTime));
    let lane = laneEnds.findIndex((end) => end < x0 - 2);
    if (lane < 0) lane = laneEnds.length < LANES ? laneEnds.length : laneEnds.indexOf(Math.min(...laneEnds));
    laneEnds[lane] = x1;
    const y = 2 + lane * 5;
    const shape = x1 - x0 < 3
      ? svg('path', { d: `M${x0.toFixed(1)},${y} l3,2 l-3,2 l-3,-2 z` })
      : svg('rect', { x: x0, y, width: x1 - x0, height: 4, rx: 2 });
    const mark = svg('g', { class: `mark sev-${m.severity.toLowerCase()}${m.agentVisible === false ? ' missed' : ''}`, tabindex: 0, role: 'button', 'aria-label': `${m.severity} ${m.code} ${m.title}` },
      svg('line', { x1: x0, x2: x0, y1: y + 4, y2: base }), shape,
      svg('title', {}, `${m.code} ${m.title}${m.agentVisible === false ? ' (only the ground truth shows it)' : ''}: ${formatTime(m.firstTime)}${m.lastTime > m.firstTime ? ` to ${formatTime(m.lastTime)}` : ''}`));
    mark.addEventListener('click', () => onMark(m.id));
    mark.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') onMark(m.id);
    });
    chart.appendChild(mark);
  }
  chart.appendChild(svg('text', { class: 'tick', x: PAD.left, y: H - 6 }, formatTime(start)));
  chart.appendChild(svg('text', { class: 'tick', x: W - PAD.right, y: H - 6, 'text-anchor': 'end' }, formatTime(end)));
  box.appendChild(chart);
  box.appendChild(el('p', { class: 'legend' },
    el('span', { class: 'key bar' }), 'flows a cycle  ', el('span', { class: 'key drops' }), 'packets dropped  ', el('span', { class: 'key msg' }), 'message size  ',
    el('span', { class: 'key limit' }), 'size the buffers allow  ', el('span', { class: 'key mark' }), 'findings'));
  return box;
}
