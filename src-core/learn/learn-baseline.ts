// From learned traffic to the two files `microagent learn` writes: the baseline (project format) and the
// learned profile beside it; and the baseline checked by the same validator the editor and `check` use.
import { dirname, relative, sep } from 'node:path';
import { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';
import { validateBaseline } from '../baseline/validate-baseline';
import { allowlistRanges, type Aggregation } from './allowlist-ranges';
import { baselineText } from './baseline-text';
import { learnTraffic, type LearnTrafficInput, type LearnedTraffic } from './learn-traffic';
import { LEARNED_PROFILE_VERSION, learnedProfileText, type LearnedProfileJson } from './learned-profile';
import { thresholdsFor, type LearnedThresholds } from './window-thresholds';

export interface LearnBaselineInput extends LearnTrafficInput {
  /** The margin around the observed counts, in percent (default 50). */
  marginPercent: number;
  aggregate?: Aggregation;
  /** Where the baseline will be written (the diagnostics name it). */
  baselinePath: string;
}

export interface LearnedBaselineResult {
  traffic: LearnedTraffic;
  thresholds: LearnedThresholds;
  allowlist: string[];
  /** Remote addresses the device connected to (before aggregation). */
  outboundHosts: number;
  baseline: string;
  learnedProfile: string;
  /** validateBaseline on the baseline text: empty when it is clean (always, unless something is wrong here). */
  diagnostics: Diagnostic[];
}

const iso = (t: number | undefined) => (t === undefined || !Number.isFinite(t) ? null : new Date(t * 1000).toISOString());

export function learnBaseline(input: LearnBaselineInput): LearnedBaselineResult {
  const traffic = learnTraffic(input);
  const thresholds = thresholdsFor(traffic.windows, input.marginPercent, input.options?.thresholdBounds);
  const hosts = [...traffic.remotes.values()].filter((r) => r.outbound && !r.group);
  const allowlist = allowlistRanges(hosts, input.aggregate);
  const baseline = baselineText({ group: input.group, windowText: input.window.text, min: thresholds.min, max: thresholds.max, allowlist });
  const spans = traffic.devices.flatMap((d) => (d.span ? [d.span] : []));
  const profile: LearnedProfileJson = {
    learnedProfile: LEARNED_PROFILE_VERSION,
    generatedBy: 'microagent learn',
    source: {
      // Relative to the learned file's folder, so a workspace that keeps it names no one's home folder.
      input: relative(dirname(input.baselinePath), input.file).split(sep).join('/') || input.file,
      kind: input.kind,
      from: iso(spans.length ? Math.min(...spans.map((s) => s.from)) : input.range.start),
      to: iso(spans.length ? Math.max(...spans.map((s) => s.to)) : input.range.end),
      devices: traffic.devices.map((d) => d.id),
    },
    groups: {
      [input.group]: { remotes: Object.fromEntries([...traffic.remotes.values()].map((r) => [r.text, { services: [...r.services] }])) },
    },
  };
  return {
    traffic, thresholds, allowlist, outboundHosts: hosts.length, baseline, learnedProfile: learnedProfileText(profile),
    diagnostics: validateBaseline(new SourceDocument(input.baselinePath, baseline)),
  };
}
