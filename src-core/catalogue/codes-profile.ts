// Rule codes of the profile checks (see catalogue/codes.ts for the numbering).
import type { RuleCode } from './rule-code';

export const profileCodes: RuleCode[] = [
];
