// The AzureIoTSecurity.Message v2.3 model (agent facts §3.8) as plain TypeScript values: what the encoder
// writes, the decoder reads and the JSON view prints. Addresses are kept as on the wire's meaning:
// IPv4 as a number a<<24|b<<16|c<<8|d, IPv6 as four big-endian words.

export const enum PayloadType {
  NONE = 0,
  NetworkActivity = 1,
  SystemInformation = 2,
  ListeningPorts = 3,
  Heartbeat = 4,
  Baseline = 5,
  Process = 6,
  Log = 7,
}

export const PAYLOAD_NAMES = ['NONE', 'NetworkActivity', 'SystemInformation', 'ListeningPorts', 'Heartbeat', 'Baseline', 'Process', 'Log'] as const;
export const PROTOCOL_NAMES = ['TCP', 'UDP', 'ICMP'] as const;

/** Protocol enum values: TCP 0, UDP 1, ICMP 2. */
export type ProtocolValue = number;

export interface NetworkCommon {
  localPort: number;
  remotePort: number;
  bytesIn: number;
  bytesOut: number;
  protocol: ProtocolValue;
}

export interface NetworkRecordV4 extends NetworkCommon {
  local: number;
  remote: number;
}

export interface NetworkRecordV6 extends NetworkCommon {
  local: ArrayLike<number>;
  remote: ArrayLike<number>;
}

export type EventPayload =
  | { type: 'NetworkActivity'; ipv4: NetworkRecordV4[]; ipv6: NetworkRecordV6[] }
  | { type: 'Heartbeat' }
  | { type: 'SystemInformation'; osInfo?: string; kernelInfo?: string; hwInfo?: string }
  /** Payload types the RTOS agent never sends, kept raw when decoding. */
  | { type: 'Other'; typeCode: number; fields: Record<string, unknown> };

export interface SecurityEvent {
  /** 16 bytes. */
  id: Uint8Array;
  time: number;
  collectionInterval: number;
  payload: EventPayload;
}

export interface SecurityMessage {
  securityModuleId: string;
  securityModuleVersion: number;
  timezone: number;
  events: SecurityEvent[];
}
