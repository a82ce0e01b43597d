// Rule codes of the config checks (see catalogue/codes.ts for the numbering).
import type { RuleCode } from './rule-code';

export const configCodes: RuleCode[] = [
];
