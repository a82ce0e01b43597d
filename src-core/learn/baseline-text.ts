// The learned baseline, in the project format (docs/baselines.md, schemas/baseline.schema.json): one security
// group with an ActiveConnectionsNotInAllowedRange time-window rule and a ConnectionToIpNotAllowed allowlist,
// both enabled. Strict JSON (no comments, no trailing commas) so the deviceSecurityGroups REST API takes it.

export interface LearnedBaseline {
  group: string;
  windowText: string;
  min: number;
  max: number;
  allowlist: readonly string[];
}

export function baselineText(b: LearnedBaseline): string {
  const value = {
    securityGroups: {
      [b.group]: {
        timeWindowRules: [
          { ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: b.min, maxThreshold: b.max, timeWindowSize: b.windowText },
        ],
        allowlistRules: [
          { ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: [...b.allowlist] },
        ],
        thresholdRules: [],
        denylistRules: [],
      },
    },
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
