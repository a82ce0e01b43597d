// The simulation profile's schema as an object: what the simulator runs on (agent configuration, baseline,
// feeds, the hub's network settings exactly as ARM writes them, devices, simulation options).

const path = (description: string) => ({ type: 'string', minLength: 1, description });

export function profileSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://micro-agent-studio.invalid/schemas/profile.schema.json',
    title: 'Micro Agent Studio simulation profile',
    description: 'What a simulation runs on. Relative paths are resolved against the profile\'s folder.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      agentConfig: path('The agent\'s configuration: `asc_config.h` or a CMake `*.dist` file.'),
      nxUser: path('Optional `nx_user.h` of the project.'),
      baseline: path('The baseline: a `*.baseline.json` file, or an ARM template / resource holding deviceSecurityGroups.'),
      feeds: {
        type: 'array',
        description: 'Threat-intelligence feeds matched against remote addresses and DNS names.',
        items: {
          description: 'A feed file (its format detected from its name and content), or an object naming its format.',
          if: { type: 'string' },
          then: path('A feed file; its format is detected from its name and content.'),
          else: { $ref: '#/definitions/feed' },
        },
      },
      hub: { $ref: '#/definitions/hub' },
      devices: { type: 'array', items: { $ref: '#/definitions/device' }, description: 'The devices whose traffic the simulation replays.' },
      simulation: { $ref: '#/definitions/simulation' },
    },
    definitions: {
      feed: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: path('The feed file.'),
          format: { type: 'string', enum: ['auto', 'list', 'csv', 'stix', 'misp'], default: 'auto', description: 'The feed\'s format; `auto` detects it from the name and content.',
            enumDescriptions: ['Detect from the file name and content', 'One IP, CIDR or domain a line, `#`/`;` comments (FireHOL netset, ipset)', 'CSV with an IP column found by header name (abuse.ch style)', 'STIX 2.1 bundle', 'MISP event JSON'] },
          name: { type: 'string', description: 'Name shown in findings; the file name when absent.' },
        },
        defaultSnippets: [{ label: 'feed', body: { path: '${1:feeds/blocklist.netset}', format: 'auto' } }],
      },
      hub: {
        type: 'object',
        description: 'The IoT hub\'s settings that the hub recommendations read, as the Microsoft.Devices/IotHubs resource\'s `properties` write them.',
        additionalProperties: false,
        properties: {
          ipFilterRules: {
            type: 'array',
            description: 'Legacy IP filter: applied in order; traffic that matches none is accepted.',
            items: {
              type: 'object', additionalProperties: false, required: ['filterName', 'action', 'ipMask'],
              properties: {
                filterName: { type: 'string', description: 'Name of the rule.' },
                action: { type: 'string', enum: ['Accept', 'Reject'], description: 'What to do with matching traffic.' },
                ipMask: { type: 'string', description: 'An IPv4 address or range in CIDR notation, e.g. `203.0.113.0/24`.' },
              },
              defaultSnippets: [{ label: 'IP filter rule', body: { filterName: '${1:office}', action: '${2|Accept,Reject|}', ipMask: '${3:203.0.113.0/24}' } }],
            },
          },
          networkRuleSets: {
            type: 'object', additionalProperties: false,
            properties: {
              defaultAction: { type: 'string', enum: ['Deny', 'Allow'], default: 'Deny', description: 'What happens to traffic no ipRule allows.' },
              applyToBuiltInEventHubEndpoint: { type: 'boolean', description: 'Whether the rules also apply to the built-in Event Hub endpoint.' },
              ipRules: {
                type: 'array',
                items: {
                  type: 'object', additionalProperties: false, required: ['filterName', 'action', 'ipMask'],
                  properties: {
                    filterName: { type: 'string' },
                    action: { type: 'string', enum: ['Allow'] },
                    ipMask: { type: 'string', description: 'An IPv4 address or range in CIDR notation.' },
                  },
                },
              },
            },
          },
          diagnostics: { type: 'boolean', description: 'Whether the hub\'s diagnostic logs are sent to a Log Analytics workspace or storage (the "enable diagnostics logs" recommendation).' },
        },
      },
      device: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { type: 'string', minLength: 1, description: 'The device id in the IoT hub.' },
          securityGroup: { type: 'string', default: 'default', description: 'The device twin tag `SecurityGroup`: which baseline group applies. `default` when absent.' },
          addresses: { type: 'array', items: { type: 'string' }, description: 'The device\'s own IPv4/IPv6 addresses in the capture.' },
          capture: path('The device\'s traffic: pcap, pcapng, Zeek conn.log or an NDJSON event script.'),
          credentialFingerprint: { type: 'string', description: 'A fingerprint of the credential the device authenticates with (X.509 thumbprint or a hash of the SAS key); equal fingerprints on two devices raise "Identical authentication credentials used by multiple devices".' },
        },
        defaultSnippets: [{ label: 'device', body: { id: '${1:device-1}', securityGroup: '${2:default}', addresses: ['${3:192.168.1.20}'], capture: '${4:captures/device-1.pcap}' } }],
      },
      simulation: {
        type: 'object',
        additionalProperties: false,
        properties: {
          seed: { type: 'integer', minimum: 0, maximum: 4294967295, default: 1, description: 'Seed of the random first-collection offset; same inputs and seed give the same output.' },
          startTime: { type: 'string', format: 'date-time', description: 'UNIX time the agent starts at (ISO-8601); the first packet\'s time when absent.' },
          durationSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 4294967295, description: "End each device's run this many seconds after its agent started (startTime, else its first packet or script event), exactly, as `microagent simulate --until` does; later packets are not read. Absent: the run goes one low-priority interval past its last input. `--until` overrides it." },
          hubConnected: { type: 'boolean', default: true, description: 'Whether the hub connection is up from the start (the event script can change it).' },
          sendsFailing: {
            type: 'array',
            description: 'Stretches when the agent\'s telemetry sends fail while the hub stays connected: the agent stays ACTIVE and retries every ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME until the next collection discards the message (as the event script\'s sendsFailing / sendsRecovered).',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['from'],
              properties: {
                from: { anyOf: [{ type: 'number', minimum: 0, maximum: 4294967295 }, { type: 'string', format: 'date-time' }], description: 'When sends start failing: seconds after the device\'s agent started (its first packet or script event), or an ISO-8601 time.' },
                to: { anyOf: [{ type: 'number', minimum: 0, maximum: 4294967295 }, { type: 'string', format: 'date-time' }], description: 'When sends work again (same forms as from); absent: to the end of the run.' },
              },
            },
            defaultSnippets: [{ label: 'sends failing', body: { from: 300, to: 480 } }],
          },
          permissiveRulePrefixLength: { type: 'integer', minimum: 0, maximum: 32, default: 16, description: 'An IP filter rule whose IPv4 prefix is shorter than this counts as "a large IP range" (the threshold is not documented).' },
          windowAlignment: { type: 'string', enum: ['epoch', 'first-record'], default: 'epoch',
            description: 'Where the custom alerts\' tumbling windows start: at whole multiples of timeWindowSize since the Unix epoch, or at the device\'s first record (the cloud\'s choice is not documented).',
            enumDescriptions: ['Windows start at multiples of their size since 1970-01-01T00:00:00Z (as Azure Stream Analytics tumbling windows do)', 'Windows start at the device\'s first record'] },
          windowBounds: { type: 'string', enum: ['end-inclusive', 'start-inclusive'], default: 'end-inclusive',
            description: 'Which window a record stamped exactly on a boundary belongs to: (start, end] or [start, end).',
            enumDescriptions: ['(start, end]: a record closes the window it ends (records are stamped with their collection time and cover the seconds before it)', '[start, end)'] },
          thresholdBounds: { type: 'string', enum: ['inclusive', 'exclusive'], default: 'inclusive',
            description: 'Whether a count equal to minThreshold or maxThreshold is inside the allowed range.' },
          outbound: { type: 'string', enum: ['client-port', 'bytes-out', 'any'], default: 'client-port',
            description: 'How the cloud reads a record (which carries no direction) as an outbound connection, for ConnectionToIpNotAllowed.',
            enumDescriptions: ['The device\'s port is the ephemeral-looking one (above 1023 and above the peer\'s, or the peer\'s is below 1024); ICMP when the device sent bytes', 'Any record with bytes from the device', 'Every record'] },
        },
      },
    },
    defaultSnippets: [{ label: 'Simulation profile', body: { agentConfig: '${1:asc_config.h}', baseline: '${2:door-locks.baseline.json}', feeds: [], devices: [{ id: '${3:device-1}', addresses: ['${4:192.168.1.20}'], capture: '${5:capture.pcap}' }], simulation: { seed: 1 } } }],
  };
}
