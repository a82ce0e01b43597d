// One device's agent: the scheduler (seeded first collection, HIGH and LOW cadences), the collectors,
// the flow caches, message building with the real serializer's limits and failure modes, and the
// state machine that sends, holds or loses each message. Ground truth is kept beside it. The agent's
// source: eclipse-threadx/netxduo @ 94ccd95e, addons/azure_iot/azure_iot_security_module/ (the core's
// scheduler in iot-security-module-core/src/core.c, the state machine in nx_azure_iot_security_module.c).
import type { AgentConfig } from '../config/agent-config';
import type { DecodedPacket } from '../traffic/packet';
import { CaptureView, classify, NOT_SEEN_REASONS, Seen, Why, type DeviceAddresses, type NotSeenReason } from './capture';
import { EventIdSource } from './event-id';
import { Fast, FastClassifier } from './fast-path';
import { FlowCache } from './flow-cache';
import { GroundTruth } from './ground-truth';
import { serializerLimits, effectiveIpv4Cache, effectiveIpv6Cache } from './limits';
import { SeededRandom } from './prng';
import { idlePeriod, type IdlePeriod } from './idle-period';
import { BuildFailure, FlatccBuilder, UNLIMITED } from './schema/flatcc-builder';
import { recordViews } from './record-view';
import { addEvent, beginMessage, endMessage, startEvents } from './schema/encode';
import type { NetworkRecordV4, NetworkRecordV6, SecurityEvent } from './schema/message';
import { SecurityModuleStateMachine, type SendResult } from './state-machine';
import type { AgentOptions, AgentReport, CycleReport, PoolLeak } from './agent-report';

export type { CycleOutcome, CycleReport, AgentReport, AgentOptions, PoolLeak } from './agent-report';

const noLeak = (poolSize: number): PoolLeak => ({ leaked: 0, poolSize, failedWhileSuspended: 0, firstLeak: null, blindFrom: null, outageFrom: null });

export class AgentModel {
  readonly truth: GroundTruth;
  private readonly v4: FlowCache;
  private readonly v6: FlowCache;
  private readonly builder: FlatccBuilder;
  private readonly ids: EventIdSource;
  private readonly random: SeededRandom;
  private readonly sm: SecurityModuleStateMachine;
  private readonly view = new CaptureView();
  private readonly limits;
  private enabled = false;
  private collecting = false;
  /** Collectors stopped by SUSPENDED: the IP filter hook still takes pool objects (§3.13.5). */
  private suspended = false;
  /** Collecting and not hung: packets can be recorded (kept as one flag for the per-packet path). */
  private recording = false;
  private readonly fast: FastClassifier;
  private hung: AgentReport['hung'] = null;
  private silentFrom: number | null = null;
  private nextCollect = Infinity;
  /** The earliest hub event, poll or collection still to run (as of the last advanceTo). */
  private nextDue = -Infinity;
  private lastHigh = 0;
  private lastLow = 0;
  private firstCollection: number | null = null;
  private held: CycleReport | null = null;
  /** Failed sends of the held message with a hub connected, and why its last try did not send it. */
  private heldTries = 0;
  private heldCause: 'no-hub' | 'failed' | null = null;
  private lastCollectTime = -Infinity;
  /** The held message's records, kept only for an observer that hears sent messages. */
  private heldRecords: { ipv4: NetworkRecordV4[]; ipv6: NetworkRecordV6[] } | null = null;
  /** The held message's bytes, kept only for an observer that hears every message's fate. */
  private heldBytes: Uint8Array | null = null;
  /** Rebuilds a message the agent's builder could not finish, for that observer (made on first use). */
  private unlimited: FlatccBuilder | null = null;
  /** End of the ground truth's current period (Infinity unless an observer wants periods). */
  private nextTruthPeriod = Infinity;
  /** Flows the full pool turned away this cycle, per IP version (for the cache size the peak needed). */
  private turnedAway4 = 0;
  private turnedAway6 = 0;
  private readonly peakFlows = { ipv4: 0, ipv6: 0 };
  private readonly cycles: CycleReport[] = [];
  private readonly idleSkipped: AgentReport['idleSkipped'] = [];
  /** Cycles in a row with no flow and no drop (the idle skip waits for a whole period of them). */
  private idleRun = 0;
  private readonly idle: IdlePeriod | undefined;
  private readonly notSeen = new Float64Array(NOT_SEEN_REASONS.length);
  private packetsRecorded = 0;
  private stats = { flows: 0, sent: 0, dropped: 0, failed: 0, lost: 0, lostFailing: 0, attempts: 0, sendsFailed: 0, maxBytes: 0 };
  private readonly leak4: PoolLeak;
  private readonly leak6: PoolLeak;
  private readonly local4 = new Uint32Array(1);
  private readonly remote4 = new Uint32Array(1);

  constructor(
    readonly config: AgentConfig,
    readonly device: DeviceAddresses,
    private readonly options: AgentOptions = {},
  ) {
    this.limits = serializerLimits(config);
    this.truth = new GroundTruth({ maxFlows: options.maxTruthFlows });
    this.fast = new FastClassifier(device, config, !options.classifyEveryPacket);
    this.idle = idlePeriod(config);
    this.v4 = new FlowCache(4, effectiveIpv4Cache(config));
    this.v6 = new FlowCache(6, effectiveIpv6Cache(config));
    this.leak4 = noLeak(this.v4.capacity);
    this.leak6 = noLeak(this.v6.capacity);
    this.builder = new FlatccBuilder(this.limits.builder);
    this.random = new SeededRandom(options.seed ?? 0);
    this.ids = new EventIdSource(this.random);
    if (options.observer?.truthPeriod) this.truth.trackPeriods();
    this.sm = new SecurityModuleStateMachine(
      {
        trySend: (now, connected, sendsFail) => this.trySend(now, connected, sendsFail),
        startCollectors: (now) => this.resumeCollectors(now),
        stopCollectors: () => this.stopCollectors(),
      },
      config.pendingTimeSeconds,
      config.retryTimeSeconds,
      [...(options.hubEvents ?? [])].sort((a, b) => a.time - b.time),
      options.hubInitiallyConnected,
    );
  }

  /** Enables the agent at `time` (whole seconds, as itime_time gives): collectors start, first collection is scheduled. */
  enable(time: number): void {
    if (this.enabled) return;
    this.enabled = true;
    const now = Math.floor(time);
    const force = this.config.firstForceCollectionIntervalSeconds;
    const first = this.config.firstCollectionIntervalSeconds;
    // core.c `_init_random_collect_offset`: irand_int() is drawn only without ASC_FIRST_FORCE_COLLECTION_INTERVAL
    // (§3.13.1), so with it the first random numbers seed the event ids, as on the device.
    let t0: number;
    if (force !== undefined) t0 = force < 0 ? now : now + force;
    else t0 = now + (first > 0 ? (this.random.nextInt() % (2 * first)) + first : 0);
    if (this.options.observer?.truthPeriod) this.nextTruthPeriod = t0;
    this.startCollectors(t0);
    const sends = this.options.sendEvents;
    if (sends?.length) this.sm.addSendEvents(sends.map((e) => ({ time: e.afterStart ? now + e.time : e.time, failing: e.failing })));
    this.sm.enable(now);
    this.advanceTo(now);
  }

  private startCollectors(firstCollection: number): void {
    this.collecting = true;
    this.recording = this.hung === null;
    this.nextCollect = firstCollection;
    if (this.firstCollection === null) this.firstCollection = firstCollection;
    // Each collector's last_collected is set one interval back so that all fire at the first collection.
    this.lastHigh = firstCollection - this.config.highPriorityIntervalSeconds;
    this.lastLow = firstCollection - this.config.lowPriorityIntervalSeconds;
  }

  /**
   * SUSPENDED -> ACTIVE (core.c `_security_module_state_cb` -> `_start_stop_collection` -> `_start` ->
   * `_set_next_collect_timer`): the collectors keep their last collection times, so every one is overdue and
   * all are collected at the next tick (a 0 s timer made inside a timer callback), not after a new offset.
   */
  private resumeCollectors(now: number): void {
    this.collecting = true;
    this.suspended = false;
    this.recording = this.hung === null;
    this.scheduleNext(now);
  }

  /** PENDING -> SUSPENDED: collectors stopped, tables cleared (`_collector_network_activity_port_deinit`). */
  private stopCollectors(): void {
    this.collecting = false;
    this.suspended = true;
    this.recording = false;
    this.nextCollect = Infinity;
    this.v4.clear();
    this.v6.clear();
    this.turnedAway4 = this.turnedAway6 = 0;
  }

  /** Runs every timer, hub event and state poll due up to and including `time`. */
  advanceTo(time: number): void {
    for (;;) {
      const hub = this.sm.nextHubEvent;
      // A hung agent's thread (the middleware's) runs no timer at all: neither collections nor state polls.
      const poll = this.hung ? Infinity : this.sm.nextPoll;
      const collect = this.hung ? Infinity : this.nextCollect;
      const truthEnd = this.nextTruthPeriod;
      const next = Math.min(hub, poll, collect, truthEnd);
      // Packets before `nextDue` skip this call (the hot path); every timer change happens in here.
      this.nextDue = next;
      if (next > time || next === Infinity) return;
      // The ground truth's period closes first: it changes nothing the agent does.
      if (truthEnd === next) {
        this.endTruthPeriod(next, time);
        advanced(this.nextTruthPeriod, next, 'the ground truth\'s period');
      } else if (hub === next) this.sm.applyHubEvent();
      else if (collect === next) {
        // After a skip the loop looks again, so a hub event at the same time still goes first.
        if (time - next > 3 * (this.idle?.seconds ?? Infinity) && this.skipIdle(next, Math.min(time, hub))) continue;
        this.collect(next);
        advanced(this.nextCollect, next, 'the next collection');
      } else {
        if (time - next > 6 * this.config.retryTimeSeconds && this.sm.skipIdlePolls(Math.min(time, hub))) continue;
        this.sm.poll(next);
        // A poll may arm the next one for the same second only by way of a collection (messageReady); by itself
        // it always moves on.
        advanced(this.sm.nextPoll, next, 'the state machine\'s next poll');
      }
    }
  }

  /** Hands the ground truth's period ending at `end` to the observer; empty periods up to `time` are skipped. */
  private endTruthPeriod(end: number, time: number): void {
    const high = this.config.highPriorityIntervalSeconds;
    const flows = this.truth.periodFlowCount;
    if (flows > 0) {
      this.options.observer!.truthPeriod!(end, this.truth, flows);
      this.truth.endPeriod();
      this.nextTruthPeriod = end + high;
    } else this.nextTruthPeriod = end + high * (Math.floor((time - end) / high) + 1);
  }

  /**
   * Skips whole idle periods between the collection due at `next` and `limit` when nothing can differ
   * between them: caches empty, hub up and ACTIVE, nothing held. Counts what they would have done.
   */
  private skipIdle(next: number, limit: number): boolean {
    const period = this.idle!;
    const sm = this.sm;
    if (!this.collecting || this.hung || this.held || sm.state !== 'active' || !sm.hubConnected || sm.sendsFailing || sm.nextPoll !== Infinity) return false;
    if (this.v4.used || this.v6.used || this.v4.failures || this.v6.failures) return false;
    // One whole idle period must have run for real first, so every message size of it has been seen.
    if (this.idleRun < period.cycles) return false;
    const k = Math.floor((limit - next) / period.seconds) - 1;
    if (k < 1) return false;
    const span = k * period.seconds;
    this.lastHigh += span;
    this.lastLow += span;
    this.nextCollect = next + span;
    this.ids.skip(k * period.events);
    const messages = k * period.messages;
    // A silent agent (builder stack) fails every message; otherwise each is built and sent at once.
    if (this.silentFrom !== null) this.stats.failed += messages;
    else (this.stats.sent += messages), (this.stats.attempts += messages);
    const last = this.idleSkipped[this.idleSkipped.length - 1];
    if (last && last.to === next) (last.to = next + span), (last.cycles += k * period.cycles), (last.messages += messages);
    else this.idleSkipped.push({ from: next, to: next + span, cycles: k * period.cycles, messages });
    return true;
  }

  /** Feeds one packet (packets must come in time order). */
  onPacket(p: DecodedPacket): void {
    if (!this.enabled) this.enable(p.time);
    if (p.time >= this.nextDue) this.advanceTo(p.time);
    // The common packet (TCP/UDP, to or from the device, recorded as it is) skips `classify`.
    const dir = this.recording ? this.fast.direction(p) : Fast.No;
    if (dir === Fast.No) return this.onOtherPacket(p);
    const outbound = dir === Fast.Out;
    const proto = p.protocol;
    const localPort = outbound ? p.srcPort : p.dstPort;
    const remotePort = outbound ? p.dstPort : p.srcPort;
    const ports = (localPort << 16) | remotePort;
    const truth = this.truth;
    const v4 = p.ipVersion === 4;
    // `| 0`: an address above 2^31 passed as it is would be boxed into a new heap number per packet.
    const f = v4
      ? truth.flowOf4((outbound ? p.src4 : p.dst4) | 0, (outbound ? p.dst4 : p.src4) | 0, ports, proto, outbound, p)
      : truth.flowOf(6, outbound ? p.src6 : p.dst6, outbound ? p.dst6 : p.src6, 0, localPort, remotePort, proto, outbound, p);
    const bytes = p.transportBytes;
    const agentBytes = dir === Fast.InHook4 ? bytes + p.ipv4OptionsLength : bytes;
    const cache = v4 ? this.v4 : this.v6;
    const known = truth.cacheEntry[f];
    const ok = known >= 0 && truth.cacheGeneration[f] === cache.generation
      ? cache.recordAt(known, agentBytes, outbound)
      : this.recordNew(cache, f, p, outbound, localPort, remotePort, proto === 6 ? 0 : 1, agentBytes);
    if (ok) this.packetsRecorded++;
    else this.notSeen[Why.PoolFull]++;
    truth.countPacket(f, outbound, bytes, p, ok ? -1 : Why.PoolFull);
  }

  /** Every packet the fast path does not take: `classify` decides, for all cases. */
  private onOtherPacket(p: DecodedPacket): void {
    const v = classify(p, this.device, this.config, this.view);
    const seen = v.seen;
    if (seen === Seen.Foreign) return;
    const outbound = v.outbound;
    const proto = p.protocol;
    const v4 = p.ipVersion === 4;
    // Ground truth keys ICMP and other protocols without ports, as the agent does for ICMP; so a recorded
    // packet's truth flow and its cache entry are one to one, and the truth flow remembers the entry:
    // one hash lookup per packet serves both tables.
    const ports = proto === 6 || proto === 17 ? (v.localPort << 16) | v.remotePort : 0;
    const truth = this.truth;
    const f = v4
      ? truth.flowOf4((outbound ? p.src4 : p.dst4) | 0, (outbound ? p.dst4 : p.src4) | 0, ports, proto, outbound, p)
      : truth.flowOf(6, outbound ? p.src6 : p.dst6, outbound ? p.dst6 : p.src6, 0, ports >>> 16, ports & 0xffff, proto, outbound, p);
    let why = -1;
    if (!this.recording) {
      why = Why.NotCollecting;
      // While SUSPENDED the IP filter hook is still set: a packet reaching it takes a pool object (§3.13.5).
      if (this.suspended && seen !== Seen.Invisible && (outbound || !this.config.captureUnicastOnly)) this.leakAt(p.time, v4, seen === Seen.Record);
    } else if (seen === Seen.Record) {
      const cache = v4 ? this.v4 : this.v6;
      const known = truth.cacheEntry[f];
      if (known >= 0 && truth.cacheGeneration[f] === cache.generation) {
        if (!cache.recordAt(known, v.agentBytes, outbound)) why = Why.PoolFull;
      } else if (!this.recordNew(cache, f, p, outbound, v.localPort, v.remotePort, v.protocol, v.agentBytes)) why = Why.PoolFull;
    } else if (seen === Seen.Invisible) why = v.why;
    else why = (v4 ? this.v4 : this.v6).touch() ? v.why : Why.PoolFull;
    if (why < 0) this.packetsRecorded++;
    else this.notSeen[why]++;
    truth.countPacket(f, outbound, v.trueBytes, p, why);
  }

  /**
   * A packet at the IP filter while the collectors are stopped (collector_network_activity.c: `_stop` clears
   * `nx_ip_packet_filter` but `_collector_network_activity_port_deinit` leaves `nx_ip_packet_filter_extended`
   * set). `_ipv4_callback` / `_ipv6_callback` take a pool object; a TCP, UDP or ICMP packet's object goes to
   * `add_or_update` on the NULL table, which returns without freeing it: leaked until the device reboots.
   * Any other packet's object is given back. An empty pool is an allocation failure.
   */
  private leakAt(time: number, v4: boolean, recordable: boolean): void {
    const cache = v4 ? this.v4 : this.v6;
    const leak = v4 ? this.leak4 : this.leak6;
    if (recordable && cache.leak()) {
      leak.leaked++;
      if (leak.firstLeak === null) (leak.firstLeak = time), (leak.outageFrom = this.sm.suspensionOutageFrom);
      if (cache.empty) (leak.blindFrom = time), (leak.outageFrom = this.sm.suspensionOutageFrom);
      return;
    }
    if (cache.empty) leak.failedWhileSuspended++;
  }

  /** A flow's first packet this cycle: the cache's own lookup, and the entry remembered on the truth flow. */
  private recordNew(
    cache: FlowCache, f: number, p: DecodedPacket, outbound: boolean, localPort: number, remotePort: number, protocol: number, bytes: number,
  ): boolean {
    let local: Uint32Array;
    let remote: Uint32Array;
    if (p.ipVersion === 4) {
      this.local4[0] = outbound ? p.src4 : p.dst4;
      this.remote4[0] = outbound ? p.dst4 : p.src4;
      local = this.local4;
      remote = this.remote4;
    } else {
      local = outbound ? p.src6 : p.dst6;
      remote = outbound ? p.dst6 : p.src6;
    }
    const e = cache.record(local, remote, 0, localPort, remotePort, protocol, bytes, outbound);
    const truth = this.truth;
    truth.cacheEntry[f] = e;
    truth.cacheGeneration[f] = cache.generation;
    if (e < 0 && truth.dropGeneration[f] !== cache.generation) {
      // A flow the full pool turned away: counted once per cycle, for the cache size the peak needed.
      truth.dropGeneration[f] = cache.generation;
      if (p.ipVersion === 4) this.turnedAway4++;
      else this.turnedAway6++;
    }
    return e >= 0;
  }

  private collect(now: number): void {
    const cfg = this.config;
    const highDue = cfg.networkActivityEnabled && now - this.lastHigh >= cfg.highPriorityIntervalSeconds;
    const lowDue = now - this.lastLow >= cfg.lowPriorityIntervalSeconds;
    this.lastCollectTime = now;
    // core.c `core_collect` starts with `core_message_deinit`: a message still held from the last cycle (or
    // from before a suspension) is discarded.
    if (this.held) {
      this.held.outcome = 'lost-unsent';
      if (this.heldCause === 'failed') this.stats.lostFailing++;
      else this.stats.lost++;
      this.settleHeld();
    }
    const drops = this.v4.failures + this.v6.failures;
    const ipv4 = highDue ? this.v4.drainV4() : [];
    const ipv6 = highDue ? this.v6.drainV6() : [];
    if (highDue) {
      // Flows a leaked-out pool turned away say nothing of the cache size a cycle needs.
      this.peakFlows.ipv4 = Math.max(this.peakFlows.ipv4, ipv4.length + (this.v4.leaked ? 0 : this.turnedAway4));
      this.peakFlows.ipv6 = Math.max(this.peakFlows.ipv6, ipv6.length + (this.v6.leaked ? 0 : this.turnedAway6));
      this.turnedAway4 = this.turnedAway6 = 0;
    }
    if (highDue) this.lastHigh = now;
    if (lowDue) this.lastLow = now;
    const cycle: CycleReport = {
      time: now, flows: ipv4.length + ipv6.length, ipv4Records: ipv4.length, ipv6Records: ipv6.length,
      bytesIn: 0, bytesOut: 0, drops, events: [], messageBytes: 0, messageFrontBytes: 0, outcome: 'empty',
    };
    if (this.options.keepRecords && cycle.flows) cycle.records = recordViews(ipv4, ipv6);
    for (const r of ipv4) (cycle.bytesIn += r.bytesIn), (cycle.bytesOut += r.bytesOut);
    for (const r of ipv6) (cycle.bytesIn += r.bytesIn), (cycle.bytesOut += r.bytesOut);
    this.stats.flows += cycle.flows;
    this.idleRun = cycle.flows === 0 && drops === 0 ? this.idleRun + 1 : 0;

    const events: SecurityEvent[] = [];
    const time = now >>> 0;
    if (highDue && (cycle.flows > 0 || cfg.sendEmptyEvents)) {
      events.push({ id: this.ids.next(), time, collectionInterval: cfg.highPriorityIntervalSeconds, payload: { type: 'NetworkActivity', ipv4, ipv6 } });
    }
    // Network activity, system information, heartbeat (§3.13.2): components_factory_enum.h gives
    // SystemInformation a lower index than Heartbeat, and collectors are collected in that order.
    if (lowDue && cfg.systemInformationEnabled) {
      events.push({ id: this.ids.next(), time, collectionInterval: cfg.lowPriorityIntervalSeconds, payload: { type: 'SystemInformation', osInfo: cfg.osInfo } });
    }
    if (lowDue && cfg.heartbeatEnabled) {
      events.push({ id: this.ids.next(), time, collectionInterval: cfg.lowPriorityIntervalSeconds, payload: { type: 'Heartbeat' } });
    }
    cycle.events = events.map((e) => e.payload.type);
    this.cycles.push(cycle);
    this.scheduleNext(now);
    if (events.length === 0) {
      // An empty network list still serialises OK, so "message ready" is signalled: the state handler runs
      // (re-arming PENDING's poll) and `core_message_get` then fails; nothing is sent (§3.13.7).
      if (highDue || lowDue) this.sm.messageReady(now);
      return;
    }

    const b = this.builder;
    try {
      b.reset();
      beginMessage(b, cfg.securityModuleId, cfg.securityModuleVersion);
      startEvents(b);
      for (const e of events) addEvent(b, e);
      const bytes = endMessage(b);
      cycle.messageBytes = bytes.length;
      cycle.messageFrontBytes = b.frontSize;
      if (this.options.keepMessages) cycle.message = bytes;
      this.stats.maxBytes = Math.max(this.stats.maxBytes, bytes.length);
      cycle.outcome = 'held';
      this.held = cycle;
      this.heldTries = 0;
      this.heldCause = null;
      if (this.options.observer?.messageSent) this.heldRecords = { ipv4, ipv6 };
      if (this.options.observer?.messageDone) this.heldBytes = bytes;
      this.sm.messageReady(now);
    } catch (err) {
      if (!(err instanceof BuildFailure)) throw err;
      if (err.asserts && !cfg.assertsDisabled) {
        // NX_ASSERT sleeps forever: the thread running the agent hangs; nothing more is collected or sent.
        cycle.outcome = 'hung';
        this.hung = { time: now, reason: err.kind };
        this.recording = false;
        this.nextCollect = Infinity;
      } else if (err.kind === 'builder-stack') {
        cycle.outcome = 'builder-stack-failure';
        this.stats.failed++;
        if (this.silentFrom === null) this.silentFrom = now;
      } else {
        cycle.outcome = 'dropped-too-big';
        this.stats.dropped++;
      }
      if (this.options.observer?.messageDone) this.unfinishedMessage(cycle, events);
    }
  }

  /**
   * A message the agent's builder gave up on, built again without its limits so an observer can see what
   * it would have held. The event ids were drawn already, so the bytes are the ones the device would have
   * sent had the message fit.
   */
  private unfinishedMessage(cycle: CycleReport, events: SecurityEvent[]): void {
    const b = (this.unlimited ??= new FlatccBuilder(UNLIMITED));
    b.reset();
    beginMessage(b, this.config.securityModuleId, this.config.securityModuleVersion);
    startEvents(b);
    for (const e of events) addEvent(b, e);
    const bytes = endMessage(b);
    cycle.messageBytesNeeded = bytes.length;
    this.options.observer!.messageDone!(cycle, bytes);
  }

  /** The held message's fate is settled (`held.outcome` set): the observer hears it, and it is let go. */
  private settleHeld(): void {
    const held = this.held!;
    if (this.heldBytes) this.options.observer!.messageDone!(held, this.heldBytes);
    this.held = null;
    this.heldRecords = null;
    this.heldBytes = null;
  }

  private scheduleNext(now: number): void {
    const cfg = this.config;
    let next = Infinity;
    if (cfg.networkActivityEnabled) next = Math.min(next, this.lastHigh + cfg.highPriorityIntervalSeconds);
    if (cfg.heartbeatEnabled || cfg.systemInformationEnabled) next = Math.min(next, this.lastLow + cfg.lowPriorityIntervalSeconds);
    this.nextCollect = Math.max(next, now + 1);
  }

  /** The ACTIVE handler's send (`_security_module_event_process_state_active`). */
  private trySend(now: number, connected: boolean, sendsFail: boolean): SendResult {
    const held = this.held;
    if (!held) return 'none';
    if (!connected) {
      this.heldCause = 'no-hub';
      return 'no-hub';
    }
    this.stats.attempts++;
    if (sendsFail) {
      // The telemetry send failed on the connected hub: the message stays, retried after the retry time.
      this.stats.sendsFailed++;
      held.sendAttempts = ++this.heldTries;
      this.heldCause = 'failed';
      return 'failed';
    }
    held.outcome = 'sent';
    held.sentAt = now;
    if (this.heldTries) held.sendAttempts = this.heldTries + 1;
    this.stats.sent++;
    if (this.heldRecords) this.options.observer!.messageSent!(now, held, this.heldRecords.ipv4, this.heldRecords.ipv6);
    this.settleHeld();
    return 'sent';
  }

  /**
   * Runs the timers to the run's end and reports. Without `until`, the run lasts as long as its inputs say:
   * to the later of `lastInputTime` (the last packet or script event) and the agent's last hub or send event,
   * plus one full low-priority interval, so every collector collects once more and a resumption or a retry
   * after the last event shows; and on to the next collection when none has come since the last input (a
   * first collection up to 89 s after the start). With `until` (seconds, epoch) the run ends there exactly.
   */
  finish(lastInputTime?: number, until?: number): AgentReport {
    if (this.enabled && until !== undefined) this.advanceTo(until);
    else if (lastInputTime !== undefined && this.enabled) {
      const last = Math.max(lastInputTime, this.sm.lastEventTime);
      this.advanceTo(last + this.config.lowPriorityIntervalSeconds);
      if (!this.hung && this.lastCollectTime < lastInputTime && Number.isFinite(this.nextCollect)) this.advanceTo(this.nextCollect);
    }
    if (this.enabled && (lastInputTime !== undefined || until !== undefined)) {
      // The ground truth's last period closes too, even when the agent collects no more.
      if (this.truth.periodFlowCount > 0 && Number.isFinite(this.nextTruthPeriod)) this.endTruthPeriod(this.nextTruthPeriod, this.nextTruthPeriod);
    }
    // A message still held at the end was never sent nor discarded: its observer hears it as it stands.
    if (this.held && this.heldBytes) this.options.observer!.messageDone!(this.held, this.heldBytes), (this.heldBytes = null);
    const packetsNotSeen: Partial<Record<NotSeenReason, number>> = {};
    NOT_SEEN_REASONS.forEach((r, i) => {
      if (this.notSeen[i]) packetsNotSeen[r] = this.notSeen[i];
    });
    return {
      state: this.sm.changes,
      firstCollectionTime: this.firstCollection,
      flowsRecorded: this.stats.flows,
      packetsRecorded: this.packetsRecorded,
      packetsDropped: this.notSeen[Why.PoolFull],
      packetsNotSeen,
      messagesSent: this.stats.sent,
      messagesDropped: this.stats.dropped,
      messagesFailed: this.stats.failed,
      messagesLostUnsent: this.stats.lost,
      messagesLostSendsFailing: this.stats.lostFailing,
      sendAttempts: this.stats.attempts,
      sendsFailed: this.stats.sendsFailed,
      maxMessageBytes: this.stats.maxBytes,
      maxMessageSize: this.limits.maxMessageSize,
      emitterPageSize: Number.isFinite(this.limits.pageSize) ? this.limits.pageSize : null,
      hung: this.hung,
      silentFrom: this.silentFrom,
      cycles: this.cycles,
      peakFlowsPerCycle: { ...this.peakFlows },
      idleSkipped: this.idleSkipped,
      poolLeak: { ipv4: { ...this.leak4 }, ipv6: { ...this.leak6 } },
    };
  }
}

/**
 * The scheduler's guard: a timer that ran at `at` must be re-armed later (or not at all), else the loop would
 * run it forever. It cannot happen with the times the agent can hold (time-limits.ts refuses the others first),
 * but at 10^18 s adding an interval no longer changes a float64 time: the run ends with this error instead.
 */
function advanced(after: number, at: number, what: string): void {
  if (after > at) return;
  throw new Error(`the simulated clock cannot move past ${at} s: ${what} falls at the same time again (a time or interval too large for the simulation)`);
}
