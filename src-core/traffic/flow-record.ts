// One connection summary from a Zeek conn.log (TSV or JSON): the flow-level input of the simulator,
// for traffic known only as flows (no packets, no payloads).

export interface FlowRecord {
  /** Start of the connection, epoch seconds (fraction kept). */
  ts: number;
  uid: string;
  origHost: string;
  origPort: number;
  respHost: string;
  respPort: number;
  /** tcp, udp or icmp (Zeek's `proto`; another value is kept as written). */
  proto: string;
  service?: string;
  /** Seconds; undefined when Zeek left it unset. */
  duration?: number;
  /** Payload bytes each way, as Zeek counts them. */
  origBytes?: number;
  respBytes?: number;
  connState?: string;
  origPkts?: number;
  /** IP-level bytes each way (headers included). */
  origIpBytes?: number;
  respPkts?: number;
  respIpBytes?: number;
  /** IoT-23 labels (`label`, `detailed-label`), when the log has them. */
  label?: string;
  detailedLabel?: string;
  /** 1-based line in the log. */
  line: number;
}

export interface FlowNote {
  message: string;
  line: number;
}

export interface FlowReadResult {
  file: string;
  format: 'zeek-tsv' | 'zeek-json' | 'unknown';
  flows: number;
  /** Lines that could not be used, each naming the file and line; the rest were kept. */
  notes: FlowNote[];
  /** A problem that stopped the read (unreadable file). */
  error?: string;
}
