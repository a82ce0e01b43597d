// Rule codes of the baseline checks (see catalogue/codes.ts for the numbering).
import type { RuleCode } from './rule-code';

export const baselineCodes: RuleCode[] = [
];
