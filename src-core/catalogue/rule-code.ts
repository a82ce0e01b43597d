// The shape of one documented rule code. Every diagnostic and finding code has exactly one entry.
import type { Severity } from '../language/types';

export interface RuleCode {
  /** MA1xx configuration, MA2xx baseline, MA3xx profile and feeds, MA4xx detections and hygiene. */
  code: string;
  /** Short name, e.g. "Unknown option". */
  title: string;
  defaultSeverity: Severity;
  /** What the rule checks and why it matters (one or two sentences, Markdown). */
  description: string;
  /** A short input that triggers it, shown in the docs (e.g. `#define ASC_HIGH_PRIORITY_INTERVAL 0`). */
  example: string;
  /** Where the fact behind the rule comes from (sections of docs/agent-facts.md, `§3.11`), when it is the agent's. */
  source?: string;
}
