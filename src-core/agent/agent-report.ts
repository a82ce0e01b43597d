// The shapes of one device's agent report (cycles, messages, drops, states) and the model's options:
// what `AgentModel.finish` returns and what `microagent simulate` prints as JSON.
import type { NotSeenReason } from './capture';
import type { GroundTruth } from './ground-truth';
import type { BuildFailureKind } from './schema/flatcc-builder';
import type { NetworkRecordV4, NetworkRecordV6 } from './schema/message';
import type { RecordView } from './record-view';
import type { HubEvent, SendEvent, StateChange } from './state-machine';

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
  /** When the message left the device (outcome `sent`): the collection's second, or later after a retry or a
   *  reconnection. */
  sentAt?: number;
  /** Sends tried for this message with a hub connected, when at least one failed (`sendsFailing`). */
  sendAttempts?: number;
  /** The built message, when `keepMessages` is on. */
  message?: Uint8Array;
  /** A message the builder could not finish (`dropped-too-big`, `builder-stack-failure`, `hung`): the size
   *  it has when built without the builder's limits. Set only for an observer that hears finished messages. */
  messageBytesNeeded?: number;
  /** The network event's records in message order (IPv4 then IPv6), when `keepRecords` is on. */
  records?: RecordView[];
  /** The file this cycle's message was written to (`simulate --messages`), relative to that folder. */
  messageFile?: string;
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
  /** Messages discarded unsent by the next collection while no hub was connected (PENDING), or held across a
   *  suspension. */
  messagesLostUnsent: number;
  /** Messages discarded by the next collection after every send of them failed with a hub connected. */
  messagesLostSendsFailing: number;
  /** Sends tried with a hub connected (each retry counts), and of those, the ones that failed. */
  sendAttempts: number;
  sendsFailed: number;
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
  /** The network collector's pools after suspensions (agent facts §3.13.5), per IP version. */
  poolLeak: { ipv4: PoolLeak; ipv6: PoolLeak };
}

/**
 * A fault of the real agent: while SUSPENDED the IP filter hook is still set, so each packet that reaches it
 * (every outbound one) takes a pool object that the stopped collector never gives back; the static pool
 * never resets, so once it is gone this IP version's collector records nothing until the device reboots.
 */
export interface PoolLeak {
  /** Pool objects taken while SUSPENDED and never given back. */
  leaked: number;
  /** The pool's size (ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV*_OBJECTS_IN_CACHE as the model runs it). */
  poolSize: number;
  /** Packets that found the pool empty while SUSPENDED (allocation failures no message reports). */
  failedWhileSuspended: number;
  /** The first leaked object's time. */
  firstLeak: number | null;
  /** The packet that took the pool's last object: from then on this IP version's collector records nothing. */
  blindFrom: number | null;
  /** Start of the hub outage whose suspension leaked the pool's last object (or its first, when not blind). */
  outageFrom: number | null;
}

export interface AgentOptions {
  seed?: number;
  hubEvents?: HubEvent[];
  /** Sends that fail while the hub stays connected (event script `sendsFailing` / `sendsRecovered`, profile
   *  `simulation.sendsFailing`). */
  sendEvents?: SendEvent[];
  /** The hub connection before the first hub event; default: the opposite of the first event, or up when none. */
  hubInitiallyConnected?: boolean;
  /** Keep each built message's bytes in the cycle reports (tests, decode). */
  keepMessages?: boolean;
  /** List each cycle's records in its report (`simulate --records`). */
  keepRecords?: boolean;
  /** Every packet through `classify`, none through the fast path (tests prove both give the same). */
  classifyEveryPacket?: boolean;
  /** Live flows the ground truth holds before it lets go of the idlest half (default DEFAULT_MAX_TRUTH_FLOWS). */
  maxTruthFlows?: number;
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
   * A message's fate is settled (`cycle.outcome`: sent, lost-unsent, dropped-too-big, builder-stack-failure,
   * hung, or held at the run's end); `message` is the bytes the model encoded, or for a build that failed,
   * the message built again without the builder's limits (what the device would have sent had it fit).
   * Called once per cycle that built a message, in the order their fates settle.
   */
  messageDone?(cycle: CycleReport, message: Uint8Array): void;
  /**
   * The ground truth of one high-priority period ending at `time` (on the agent's first collection grid,
   * whatever the agent's state): the device's flows with a packet in it, readable through
   * `truth.periodFlow(i, ...)` for i < `flows` during the call.
   */
  truthPeriod?(time: number, truth: GroundTruth, flows: number): void;
}
