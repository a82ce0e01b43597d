// The one-line verdict of a run: its findings by kind and severity, counting what the agent would have reported,
// with those only the ground truth shows counted apart. The CLI's text report and the alert panel both lead with
// it, so the two never disagree on how many alerts a run raised.
import type { Finding } from './finding';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function findingsHeadline(findings: readonly Finding[]): string {
  const seen = findings.filter((f) => f.agentVisible !== false);
  const missed = findings.length - seen.length;
  const by = (k: Finding['kind']) => seen.filter((f) => f.kind === k).length;
  const sev = ['High', 'Medium', 'Low', 'Informational'].map((s) => [s, seen.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const parts = [plural(by('alert'), 'alert'), plural(by('recommendation'), 'recommendation'), plural(by('hint'), 'hint')];
  return `${parts.join(', ')}${sev.length ? ` (by severity: ${sev.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}${missed ? `; ${missed} more only the ground truth shows (the agent missed the data)` : ''}`;
}
