// Rule codes of the detections checks (see catalogue/codes.ts for the numbering).
import type { RuleCode } from './rule-code';

export const detectionsCodes: RuleCode[] = [
];
