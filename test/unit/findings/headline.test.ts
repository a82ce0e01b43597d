// The run's one-line verdict, which the CLI's text report, the alert panel and the status bar all lead with:
// what the agent would have reported is counted by kind and severity, what only the ground truth shows apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsHeadline } from '../../../src-core/findings/headline';
import type { Finding } from '../../../src-core/findings/finding';

const finding = (kind: Finding['kind'], severity: Finding['severity'], agentVisible: boolean | null): Finding =>
  ({ id: `${kind}-${severity}-${agentVisible}`, code: 'MA400', kind, severity, origin: 'cloud', title: 't', message: 'm', count: 1, evidence: {}, locations: [], agentVisible, remediation: 'r' }) as unknown as Finding;

test('what only the ground truth shows is counted apart, not among the alerts', () => {
  const findings = [
    finding('alert', 'Medium', true), finding('alert', 'Low', true), finding('alert', 'Medium', false), finding('alert', 'Low', false),
    finding('recommendation', 'Medium', null), finding('hint', 'Low', true),
  ];
  assert.equal(findingsHeadline(findings), '2 alerts, 1 recommendation, 1 hint (by severity: 2 Medium, 2 Low); 2 more only the ground truth shows (the agent missed the data)');
});

test('a clean run says so in the same words', () => {
  assert.equal(findingsHeadline([]), '0 alerts, 0 recommendations, 0 hints');
});
