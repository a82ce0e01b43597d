// The JSON Schema (draft-07) of one event-script line. schemas/event-script.schema.json is this same
// object, for editors; a unit test keeps the two equal.

const hubProtocol = { enum: ['mqtt', 'amqp', 'http'], description: 'Protocol of the hub connection (the device SDK\'s transport).' };
const count = { type: 'integer', minimum: 1, maximum: 1000000, description: 'How many times the event happened at this time (default 1).' };
const port = { type: 'integer', minimum: 0, maximum: 65535 };
const address = { type: 'string', minLength: 2, maxLength: 45, pattern: '^[0-9A-Fa-f:.]+$', description: 'An IPv4 or IPv6 address.' };

function eventType(type: string, properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> {
  return {
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: {
      properties: { t: true, type: true, device: true, comment: true, ...properties },
      required,
      additionalProperties: false,
    },
  };
}

export const EVENT_SCRIPT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://micro-agent-studio.invalid/schemas/event-script.schema.json',
  title: 'Micro Agent Studio event script line',
  description: 'One line of an NDJSON event script: either the header {"start": ...} or one event with t and type.',
  type: 'object',
  oneOf: [
    {
      title: 'header',
      required: ['start'],
      properties: {
        start: {
          description: 'Time 0 of the script: epoch seconds, or an ISO 8601 date-time. Events\' t then counts from it.',
          anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', format: 'date-time' }],
        },
        device: { type: 'string', minLength: 1, maxLength: 128, description: 'Default device id for the events below.' },
        comment: { type: 'string' },
      },
      additionalProperties: false,
    },
    {
      title: 'event',
      required: ['t', 'type'],
      properties: {
        t: { type: 'number', minimum: 0, description: 'Seconds: after the header\'s start, or epoch seconds when there is no header.' },
        type: {
          enum: ['hubConnected', 'hubDisconnected', 'sendsFailing', 'sendsRecovered', 'd2cMessage', 'c2dMessage', 'c2dRejected', 'twinUpdate', 'directMethod', 'queuePurge', 'unauthorizedOperation', 'failedLocalLogin', 'packet'],
        },
        device: { type: 'string', minLength: 1, maxLength: 128, description: 'Device id (the header\'s device, or the only device, when absent).' },
        comment: { type: 'string' },
      },
    },
  ],
  allOf: [
    eventType('hubConnected', { protocol: hubProtocol }),
    eventType('hubDisconnected', { protocol: hubProtocol, reason: { type: 'string', maxLength: 200 } }),
    // The hub stays connected but the agent's telemetry sends fail (the agent stays ACTIVE and retries), until sendsRecovered.
    eventType('sendsFailing', { reason: { type: 'string', maxLength: 200, description: 'Why sends fail (for the reader; the agent only sees an error).' } }),
    eventType('sendsRecovered', {}),
    eventType('d2cMessage', { protocol: hubProtocol, bytes: { type: 'integer', minimum: 0, maximum: 262144 }, count }),
    eventType('c2dMessage', { protocol: hubProtocol, bytes: { type: 'integer', minimum: 0, maximum: 65536 }, count }),
    eventType('c2dRejected', { protocol: hubProtocol, count }),
    eventType('twinUpdate', { protocol: hubProtocol, part: { enum: ['desired', 'reported'] }, count }),
    eventType('directMethod', { protocol: hubProtocol, name: { type: 'string', minLength: 1, maxLength: 128 }, count }),
    eventType('queuePurge', { protocol: hubProtocol, count }),
    eventType('unauthorizedOperation', { protocol: hubProtocol, operation: { type: 'string', maxLength: 200 }, count }),
    eventType('failedLocalLogin', { user: { type: 'string', maxLength: 128 }, src: address, count }),
    eventType(
      'packet',
      {
        src: address,
        dst: address,
        proto: { enum: ['tcp', 'udp', 'icmp'] },
        sport: port,
        dport: port,
        bytes: { type: 'integer', minimum: 0, maximum: 65535, description: 'Transport header plus payload, as the agent counts.' },
        direction: { enum: ['in', 'out'], description: 'Seen from the device; when absent, decided from the device\'s addresses.' },
        count,
      },
      ['src', 'dst', 'proto', 'bytes'],
    ),
  ],
} as const;
