// The two baseline schemas as objects: the project's baseline file and the bare ARM deviceSecurityGroups
// resource (alone or in a template). schemas/*.json are written from these (see write-schemas.ts).
import { ruleDefinitions } from './rule-definitions';

/** Matches ARM's type for the resource, written as the extension type or nested under an IoT hub; ARM types are case-insensitive. */
export const DSG_TYPE_PATTERN = '^(?:[Mm][Ii][Cc][Rr][Oo][Ss][Oo][Ff][Tt]\\.[Ss][Ee][Cc][Uu][Rr][Ii][Tt][Yy]|[Mm]icrosoft\\.[Dd]evices/[Ii]ot[Hh]ubs/providers)/[Dd]evice[Ss]ecurity[Gg]roups$';

export function baselineSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://micro-agent-studio.invalid/schemas/baseline.schema.json',
    title: 'Micro Agent Studio baseline',
    description: 'Device security groups by name; each holds the custom alert rules exactly as the Microsoft.Security/deviceSecurityGroups resource\'s `properties`.',
    type: 'object',
    additionalProperties: false,
    required: ['securityGroups'],
    properties: {
      $schema: { type: 'string' },
      securityGroups: {
        type: 'object',
        description: 'Security groups by name (the device twin tag `SecurityGroup`; `default` when a device has none). Names are case-insensitive.',
        additionalProperties: { $ref: '#/definitions/securityGroup' },
        defaultSnippets: [{ label: 'default group', body: { default: { timeWindowRules: [], allowlistRules: [] } } }],
      },
    },
    definitions: ruleDefinitions(),
    defaultSnippets: [{ label: 'Baseline with a default group', body: { securityGroups: { default: { timeWindowRules: [], allowlistRules: [] } } } }],
  };
}

export function deviceSecurityGroupSchema(): Record<string, unknown> {
  const defs = ruleDefinitions();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://micro-agent-studio.invalid/schemas/device-security-group.schema.json',
    title: 'Microsoft.Security/deviceSecurityGroups resource or ARM template',
    description: 'A bare deviceSecurityGroups resource (api-version 2019-08-01), or an ARM template whose `resources` hold one or more; other resources are left alone.',
    type: 'object',
    if: { required: ['resources'] },
    then: {
      properties: {
        resources: { type: 'array', items: { $ref: '#/definitions/anyResource' } },
      },
    },
    else: { $ref: '#/definitions/deviceSecurityGroup' },
    definitions: {
      ...defs,
      anyResource: {
        type: 'object',
        if: { required: ['type'], properties: { type: { type: 'string', pattern: DSG_TYPE_PATTERN } } },
        then: { $ref: '#/definitions/deviceSecurityGroup' },
        else: { properties: { resources: { type: 'array', items: { $ref: '#/definitions/anyResource' } } } },
      },
      deviceSecurityGroup: {
        type: 'object',
        description: 'Microsoft.Security/deviceSecurityGroups: the custom alert rules of one security group.',
        required: ['properties'],
        properties: {
          type: { type: 'string', pattern: DSG_TYPE_PATTERN, description: '`Microsoft.Security/deviceSecurityGroups`' },
          name: { type: 'string', description: 'The security group name (case-insensitive), or `<hub>/Microsoft.Security/<name>` when nested under the hub.' },
          apiVersion: { type: 'string', description: 'API version, e.g. `2019-08-01`.' },
          scope: { type: 'string' },
          properties: { $ref: '#/definitions/securityGroup' },
        },
        defaultSnippets: [{ label: 'deviceSecurityGroups resource', body: { type: 'Microsoft.Security/deviceSecurityGroups', apiVersion: '2019-08-01', name: '${1:default}', properties: { timeWindowRules: [], allowlistRules: [] } } }],
      },
    },
  };
}
