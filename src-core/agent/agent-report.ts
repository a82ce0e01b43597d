// The shapes of one device's agent report (cycles, messages, drops, states) and the model's options:
// what `AgentModel.finish` returns and what `microagent simulate` prints as JSON.
import type { NotSeenReason } from './capture';
import type { GroundTruth } from './ground-truth';
import type { BuildFailureKind } from './schema/flatcc-builder';
import type { NetworkRecordV4, NetworkRecordV6 } from './schema/message';
import type { HubEvent, StateChange } from './state-machine';

export type CycleOutcome = 'sent' | 'held' | 'lost-unsent' | 'empty' | 'dropped-too-big' | 'builder-stack-failure' | 'hung';

export interface CycleReport {
  time: number;
  /** Records (flows) in the network event: IPv4 + IPv6. */
  flows: number;
  ipv4Records: number;
  ipv6Records: number;
  bytesIn: number;
  bytesOut: number;
  /** Packets dropped because the pool was full during this cycle. */
  drops: number;
  events: string[];
  /** Size of the built message, 0 when none was built. */
  messageBytes: number;
  /** Of those, the bytes in the emitter page's front half (all but the vtables): what has to fit in
   *  FLATCC_EMITTER_PAGE_SIZE / 2. 0 when none was built. */
  messageFrontBytes: number;
  outcome: CycleOutcome;
  /** The built message, when `keepMessages` is on. */
  message?: Uint8Array;
}

export interface AgentReport {
  state: StateChange[];
  firstCollectionTime: number | null;
  flowsRecorded: number;
  packetsRecorded: number;
  packetsDropped: number;
  packetsNotSeen: Partial<Record<NotSeenReason, number>>;
  messagesSent: number;
  messagesDropped: number;
  messagesFailed: number;
  messagesLostUnsent: number;
  maxMessageBytes: number;
  maxMessageSize: number;
  emitterPageSize: number | null;
  hung: { time: number; reason: BuildFailureKind } | null;
  silentFrom: number | null;
  cycles: CycleReport[];
  /** The most distinct flows of one IP version that reached the collector in one cycle, counting those the
   *  full pool turned away: the cache size that would have held the peak. */
  peakFlowsPerCycle: { ipv4: number; ipv6: number };
  /** Idle stretches skipped in one step (no traffic, hub up): [from, to), with the cycles and messages
   *  (sent, or failed when silent) they hold; those cycles are not listed in `cycles`. */
  idleSkipped: { from: number; to: number; cycles: number; messages: number }[];
}

export interface AgentOptions {
  seed?: number;
  hubEvents?: HubEvent[];
  /** The hub connection before the first hub event; default: the opposite of the first event, or up when none. */
  hubInitiallyConnected?: boolean;
  /** Keep each built message's bytes in the cycle reports (tests, decode). */
  keepMessages?: boolean;
  /** Every packet through `classify`, none through the fast path (tests prove both give the same). */
  classifyEveryPacket?: boolean;
  /** Hears each message as it leaves the device and, period by period, what really happened. */
  observer?: AgentObserver;
}

/**
 * What a later stage (the simulated cloud) hears from one device's agent. The agent knows nothing of who
 * listens; the pipeline wires the listener in.
 */
export interface AgentObserver {
  /** A message was sent at `sendTime`; its network activity event (collected at `cycle.time`) held these records. */
  messageSent?(sendTime: number, cycle: CycleReport, ipv4: readonly NetworkRecordV4[], ipv6: readonly NetworkRecordV6[]): void;
  /**
   * The ground truth of one high-priority period ending at `time` (on the agent's first collection grid,
   * whatever the agent's state): the device's flows with a packet in it, readable through
   * `truth.periodFlow(i, ...)` for i < `flows` during the call.
   */
  truthPeriod?(time: number, truth: GroundTruth, flows: number): void;
}
