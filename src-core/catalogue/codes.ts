// Every rule code the product emits, in one list: the server, the CLI, SARIF rules and docs/rules.md read it.
// Numbering: MA0xx the tool's own configuration (suppressions, .microagent/config.json), MA1xx agent configuration, MA2xx baselines, MA3xx profiles and threat feeds, MA4xx detections and hints.
import { configCodes } from './codes-config';
import { baselineCodes } from './codes-baseline';
import { profileCodes } from './codes-profile';
import { detectionsCodes } from './codes-detections';
import { projectConfigCodes } from './codes-project';
import type { RuleCode } from './rule-code';

export const ruleCodes: readonly RuleCode[] = [...projectConfigCodes, ...configCodes, ...baselineCodes, ...profileCodes, ...detectionsCodes];

const byCode = new Map(ruleCodes.map((r) => [r.code, r]));

export function ruleCode(code: string): RuleCode | undefined {
  return byCode.get(code);
}
