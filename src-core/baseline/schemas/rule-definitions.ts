// JSON Schema definitions of one security group and its four rule lists, shared by the baseline schema and
// the ARM deviceSecurityGroups schema (each written out self-contained, so editors resolve no remote $ref).
import { ruleTypesOfKind, type RuleKind } from '../rule-types';

/** ISO-8601 duration (PnYnMnDTnHnMnS, or PnW); the meaning check gives the friendlier message. */
export const ISO_DURATION_PATTERN = '^P(?!$)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?W)?(\\d+(\\.\\d+)?D)?(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?$';

function ruleTypeSchema(kind: RuleKind): Record<string, unknown> {
  const types = ruleTypesOfKind(kind);
  return {
    type: 'string',
    description: 'The rule type (alert `IoT_CA_<ruleType>`); its display name and what it counts are shown with each value.',
    enum: types.map((t) => t.ruleType),
    enumDescriptions: types.map((t) => `${t.displayName}. ${t.description}`),
    markdownEnumDescriptions: types.map((t) =>
      `**${t.displayName}**\n\n${t.description}${t.rtosUnusable ? `\n\n_An RTOS device cannot feed it: ${t.rtosUnusable}._` : ''}`),
  };
}

const readOnly = (description: string) => ({ type: 'string', readOnly: true, description });
const common = {
  isEnabled: { type: 'boolean', description: 'Whether the custom alert rule is enabled.' },
  displayName: readOnly('Read-only: the rule\'s display name, as ARM exports it. Ignored on input.'),
  description: readOnly('Read-only: the rule\'s description, as ARM exports it. Ignored on input.'),
};
const thresholds = {
  minThreshold: { type: 'integer', description: 'The minimum threshold (alert when the count falls below it).' },
  maxThreshold: { type: 'integer', description: 'The maximum threshold (alert when the count rises above it).' },
};

export function ruleDefinitions(): Record<string, unknown> {
  return {
    securityGroup: {
      type: 'object',
      description: 'One device security group: the custom alert rules for devices whose twin tag `SecurityGroup` names it (`default` when absent).',
      additionalProperties: false,
      properties: {
        thresholdRules: { type: 'array', description: 'Threshold rules (no time window).', items: { $ref: '#/definitions/thresholdRule' } },
        timeWindowRules: { type: 'array', description: 'Rules that count events in a time window and alert outside [minThreshold, maxThreshold].', items: { $ref: '#/definitions/timeWindowRule' } },
        allowlistRules: { type: 'array', description: 'Allowlist rules: alert on values outside the list.', items: { $ref: '#/definitions/allowlistRule' } },
        denylistRules: { type: 'array', description: 'Denylist rules: alert on values in the list.', items: { $ref: '#/definitions/denylistRule' } },
      },
      defaultSnippets: [{ label: 'Empty security group', body: { timeWindowRules: [], allowlistRules: [], denylistRules: [], thresholdRules: [] } }],
    },
    thresholdRule: {
      type: 'object',
      description: 'ThresholdCustomAlertRule: a count outside [minThreshold, maxThreshold] raises a Low severity custom alert.',
      additionalProperties: false,
      required: ['ruleType', 'isEnabled', 'minThreshold', 'maxThreshold'],
      properties: { ruleType: ruleTypeSchema('threshold'), ...common, ...thresholds },
      defaultSnippets: [{ label: 'Threshold rule', body: { ruleType: '${1:ActiveConnectionsNotInAllowedRange}', isEnabled: true, minThreshold: 0, maxThreshold: '^${2:30}' } }],
    },
    timeWindowRule: {
      type: 'object',
      description: 'TimeWindowCustomAlertRule: a count over each window of timeWindowSize outside [minThreshold, maxThreshold] raises a Low severity custom alert.',
      additionalProperties: false,
      required: ['ruleType', 'isEnabled', 'minThreshold', 'maxThreshold', 'timeWindowSize'],
      properties: {
        ruleType: ruleTypeSchema('timeWindow'), ...common, ...thresholds,
        timeWindowSize: { type: 'string', pattern: ISO_DURATION_PATTERN, description: 'The time window size, an ISO-8601 duration such as `PT15M`. Shorter than the agent\'s 10 s collection interval sees no data.' },
      },
      defaultSnippets: [{ label: 'Time-window rule: active connections', body: { ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: '^${1:0}', maxThreshold: '^${2:30}', timeWindowSize: '${3:PT15M}' } }],
    },
    allowlistRule: {
      type: 'object',
      description: 'AllowlistCustomAlertRule: a value outside allowlistValues raises a Low severity custom alert.',
      additionalProperties: false,
      required: ['ruleType', 'isEnabled', 'allowlistValues'],
      properties: {
        ruleType: ruleTypeSchema('allowlist'), ...common,
        allowlistValues: { type: 'array', items: { type: 'string' }, description: 'The allowed values; for ConnectionToIpNotAllowed, IPv4 or IPv6 ranges in CIDR notation.' },
        valueType: { type: 'string', enum: ['IpCidr', 'String'], readOnly: true, description: 'Read-only: the value type, as ARM exports it.' },
      },
      defaultSnippets: [{ label: 'Allowlist rule: remote IP ranges', body: { ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: ['${1:203.0.113.0/24}'] } }],
    },
    denylistRule: {
      type: 'object',
      description: 'DenylistCustomAlertRule: a value in denylistValues raises a Low severity custom alert.',
      additionalProperties: false,
      required: ['ruleType', 'isEnabled', 'denylistValues'],
      properties: {
        ruleType: ruleTypeSchema('denylist'), ...common,
        denylistValues: { type: 'array', items: { type: 'string' }, description: 'The denied values; for ConnectionToIpNotAllowed, IPv4 or IPv6 ranges in CIDR notation.' },
        valueType: { type: 'string', enum: ['IpCidr', 'String'], readOnly: true, description: 'Read-only: the value type, as ARM exports it.' },
      },
      defaultSnippets: [{ label: 'Denylist rule: remote IP ranges', body: { ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, denylistValues: ['${1:198.51.100.0/24}'] } }],
    },
  };
}
