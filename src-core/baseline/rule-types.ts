// The custom-alert rule types of Microsoft.Security/deviceSecurityGroups (api 2019-08-01), as data:
// one source for the schemas' enum descriptions, hover, completion and the "RTOS cannot feed this" rule.

export type RuleKind = 'timeWindow' | 'threshold' | 'allowlist' | 'denylist';

/** What agent or hub data a rule type needs, and whether an RTOS device running the micro agent can give it. */
export type Feed = 'agent-network' | 'hub-mqtt' | 'hub-amqp' | 'hub-http' | 'hub' | 'agent-login' | 'agent-process';

export interface RuleTypeInfo {
  ruleType: string;
  kinds: RuleKind[];
  /** Portal / alert display name (DOC-ALERTS-RTOS wording where the type is listed there). */
  displayName: string;
  description: string;
  feed: Feed;
  /** Why an RTOS device cannot feed it; absent when it can (docs/agent-facts.md §4.3). */
  rtosUnusable?: string;
  /** Device-scoped (agent data) or hub-scoped (IoT Hub telemetry about the device). */
  scope: 'device' | 'hub';
}

const MQTT_ONLY = 'the micro agent and the Azure IoT middleware talk to the hub over MQTT only, so there is no';

export const ruleTypes: RuleTypeInfo[] = [
  { ruleType: 'ActiveConnectionsNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'device', feed: 'agent-network',
    displayName: 'Number of active connections is not in the allowed range',
    description: 'Counts the distinct connections (5-tuples) the agent reports in its network activity events within the time window.' },
  { ruleType: 'AmqpC2DMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-amqp',
    displayName: 'Number of cloud to device messages in AMQP protocol is not in the allowed range',
    description: 'Counts cloud-to-device messages the hub delivered to the device over AMQP.', rtosUnusable: `${MQTT_ONLY} AMQP traffic to count` },
  { ruleType: 'MqttC2DMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-mqtt',
    displayName: 'Number of cloud to device messages in MQTT protocol is not in the allowed range',
    description: 'Counts cloud-to-device messages the hub delivered to the device over MQTT.' },
  { ruleType: 'HttpC2DMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-http',
    displayName: 'Number of cloud to device messages in HTTP protocol is not in the allowed range',
    description: 'Counts cloud-to-device messages the device received over HTTP.', rtosUnusable: `${MQTT_ONLY} HTTP traffic to count` },
  { ruleType: 'AmqpC2DRejectedMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-amqp',
    displayName: 'Number of rejected cloud to device messages in AMQP protocol is not in the allowed range',
    description: 'Counts cloud-to-device messages the device rejected over AMQP.', rtosUnusable: `${MQTT_ONLY} AMQP traffic to count` },
  { ruleType: 'MqttC2DRejectedMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-mqtt',
    displayName: 'Number of rejected cloud to device messages in MQTT protocol is not in the allowed range',
    description: 'Counts cloud-to-device messages the device rejected over MQTT.' },
  { ruleType: 'HttpC2DRejectedMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-http',
    displayName: 'Number of rejected cloud to device messages in HTTP protocol is not in the allowed range',
    description: 'Counts cloud-to-device messages the device rejected over HTTP.', rtosUnusable: `${MQTT_ONLY} HTTP traffic to count` },
  { ruleType: 'AmqpD2CMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-amqp',
    displayName: 'Number of device to cloud messages in AMQP protocol is not in the allowed range',
    description: 'Counts device-to-cloud messages the device sent over AMQP.', rtosUnusable: `${MQTT_ONLY} AMQP traffic to count` },
  { ruleType: 'MqttD2CMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-mqtt',
    displayName: 'Number of device to cloud messages in MQTT protocol is not in the allowed range',
    description: 'Counts device-to-cloud messages the device sent over MQTT (the security messages themselves included).' },
  { ruleType: 'HttpD2CMessagesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub-http',
    displayName: 'Number of device to cloud messages in HTTP protocol is not in the allowed range',
    description: 'Counts device-to-cloud messages the device sent over HTTP.', rtosUnusable: `${MQTT_ONLY} HTTP traffic to count` },
  { ruleType: 'DirectMethodInvokesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub',
    displayName: 'Number of direct method invokes is not in the allowed range',
    description: 'Counts direct methods the hub invoked on the device.' },
  { ruleType: 'FailedLocalLoginsNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'device', feed: 'agent-login',
    displayName: 'Number of failed local logins is not in the allowed range',
    description: 'Counts failed local logins the agent reported.',
    rtosUnusable: 'the RTOS agent has no login collector (docs/agent-facts.md §3.6), so no failed-login events ever reach the cloud' },
  { ruleType: 'FileUploadsNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub',
    displayName: 'Number of file uploads is not in the allowed range',
    description: 'Counts file uploads the device made through the hub.',
    rtosUnusable: 'IoT Hub file upload goes over HTTPS to blob storage, which the NetX Duo Azure IoT middleware does not implement' },
  { ruleType: 'QueuePurgesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub',
    displayName: 'Number of command queue purges is not in the allowed range',
    description: "Counts purges of the device's cloud-to-device command queue." },
  { ruleType: 'TwinUpdatesNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub',
    displayName: 'Number of twin updates is not in the allowed range',
    description: "Counts updates to the device's (or its modules') twin." },
  { ruleType: 'UnauthorizedOperationsNotInAllowedRange', kinds: ['timeWindow', 'threshold'], scope: 'hub', feed: 'hub',
    displayName: 'Number of unauthorized operations is not in the allowed range',
    description: 'Counts operations that affect the device (or done by it) that fail because of an unauthorized error.' },
  { ruleType: 'ConnectionToIpNotAllowed', kinds: ['allowlist', 'denylist'], scope: 'device', feed: 'agent-network',
    displayName: "Outbound connection to an IP that isn't allowed",
    description: 'Raised for a connection whose remote address is outside every allowlisted range (IPv4 or IPv6 CIDR).' },
  { ruleType: 'LocalUserNotAllowed', kinds: ['allowlist', 'denylist'], scope: 'device', feed: 'agent-login',
    displayName: 'Login by a local user that is not allowed',
    description: 'Raised when a local user outside the list logs in.',
    rtosUnusable: 'the RTOS agent has no login collector (docs/agent-facts.md §3.6), so no user names ever reach the cloud' },
  { ruleType: 'ProcessNotAllowed', kinds: ['allowlist', 'denylist'], scope: 'device', feed: 'agent-process',
    displayName: 'Execution of a process that is not allowed',
    description: 'Raised when a process outside the list runs.',
    rtosUnusable: 'ThreadX has no processes and the RTOS agent has no process collector (docs/agent-facts.md §3.6)' },
];

const byType = new Map(ruleTypes.map((r) => [r.ruleType, r]));

export function ruleTypeInfo(ruleType: string): RuleTypeInfo | undefined {
  return byType.get(ruleType);
}

/** The list property of a security group that holds each kind. */
export const listOfKind: Record<RuleKind, string> = {
  timeWindow: 'timeWindowRules',
  threshold: 'thresholdRules',
  allowlist: 'allowlistRules',
  denylist: 'denylistRules',
};

export const kindOfList: Record<string, RuleKind> = {
  timeWindowRules: 'timeWindow',
  thresholdRules: 'threshold',
  allowlistRules: 'allowlist',
  denylistRules: 'denylist',
};

export function ruleTypesOfKind(kind: RuleKind): RuleTypeInfo[] {
  return ruleTypes.filter((r) => r.kinds.includes(kind));
}

/** The agent's high-priority collection interval (RTOS default, docs/agent-facts.md §1.2/§3.2): windows shorter see no data. */
export const HIGH_PRIORITY_INTERVAL_SECONDS = 10;

/** Every custom alert is Low severity (docs/agent-facts.md §4.3). */
export const CUSTOM_ALERT_SEVERITY = 'Low';

export const feedText: Record<Feed, string> = {
  'agent-network': "the agent's NetworkActivity events (high-priority collector, every 10 s)",
  'hub-mqtt': "IoT Hub's own operation logs for the device's MQTT link",
  'hub-amqp': "IoT Hub's own operation logs for AMQP links",
  'hub-http': "IoT Hub's own operation logs for HTTP requests",
  hub: "IoT Hub's own operation logs for the device",
  'agent-login': 'login events from a login collector',
  'agent-process': 'process events from a process collector',
};
