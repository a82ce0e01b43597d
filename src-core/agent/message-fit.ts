// Whether the largest message a configuration can build fits, built for real with the model's encoder and
// the configuration's builder limits: every cache entry a UDP record with traffic both ways (the largest
// record, agent facts §3.11 "UDP records"), plus heartbeat and system information.
import type { AgentConfig } from '../config/agent-config';
import { effectiveIpv4Cache, effectiveIpv6Cache, serializerLimits } from './limits';
import { BuildFailure, FlatccBuilder, type BuildFailureKind } from './schema/flatcc-builder';
import { addEvent, beginMessage, endMessage, startEvents } from './schema/encode';
import type { NetworkRecordV4, NetworkRecordV6 } from './schema/message';

export interface MessageFit {
  fits: boolean;
  /** Bytes of the largest message when it fits. */
  bytes?: number;
  failure?: BuildFailureKind;
  /** The page it was built in (Infinity with dynamic memory). */
  pageSize: number;
}

const ID = new Uint8Array(16).fill(0xab);

export function largestMessageFit(cfg: AgentConfig): MessageFit {
  const limits = serializerLimits(cfg);
  const n4 = effectiveIpv4Cache(cfg);
  const n6 = effectiveIpv6Cache(cfg);
  const ipv4: NetworkRecordV4[] = Array.from({ length: n4 }, (_, i) => ({ local: 0xc0a80132, remote: 0x34a90000 + i, localPort: 49152 + i, remotePort: 60000 + i, protocol: 1, bytesIn: 0xfffff, bytesOut: 0xfffff }));
  const ipv6: NetworkRecordV6[] = Array.from({ length: n6 }, (_, i) => ({ local: [0xfd000000, 0, 0, 0x50], remote: [0x20010db8, 1, 2, i + 1], localPort: 49152 + i, remotePort: 60000 + i, protocol: 1, bytesIn: 0xfffff, bytesOut: 0xfffff }));
  const b = new FlatccBuilder(limits.builder);
  try {
    b.reset();
    beginMessage(b, cfg.securityModuleId, cfg.securityModuleVersion);
    startEvents(b);
    const time = 1_700_000_000;
    if (cfg.networkActivityEnabled) addEvent(b, { id: ID, time, collectionInterval: cfg.highPriorityIntervalSeconds, payload: { type: 'NetworkActivity', ipv4, ipv6 } });
    if (cfg.systemInformationEnabled) addEvent(b, { id: ID, time, collectionInterval: cfg.lowPriorityIntervalSeconds, payload: { type: 'SystemInformation', osInfo: cfg.osInfo } });
    if (cfg.heartbeatEnabled) addEvent(b, { id: ID, time, collectionInterval: cfg.lowPriorityIntervalSeconds, payload: { type: 'Heartbeat' } });
    return { fits: true, bytes: endMessage(b).length, pageSize: limits.pageSize };
  } catch (err) {
    if (err instanceof BuildFailure) return { fits: false, failure: err.kind, pageSize: limits.pageSize };
    throw err;
  }
}
