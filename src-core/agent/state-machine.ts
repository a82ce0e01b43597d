// The security module's state machine (agent facts §3.1, §3.13, §5.3): PENDING, ACTIVE, SUSPENDED, driven by
// hub connection events, sends that fail while the hub stays connected, a poll every retry period, and
// "message ready" after each collection. The agent's source: eclipse-threadx/netxduo @ 94ccd95e,
// addons/azure_iot/azure_iot_security_module/nx_azure_iot_security_module.c (`_security_module_state_machine`
// and the `_security_module_event_process_state_*` handlers) on the core's best-effort timers
// (iot-security-module-core/src/utils/event_loop_be.c `_run_once`).

export type ModuleState = 'pending' | 'active' | 'suspended';

/** A change of the IoT hub connection (from an event script); without any, the hub is up from the start
 *  (or as the profile's `simulation.hubConnected` says). */
export interface HubEvent {
  time: number;
  connected: boolean;
}

/** Sends start failing (or work again) while the hub stays connected: the telemetry send returns an error. */
export interface SendEvent {
  time: number;
  failing: boolean;
  /** `time` counts seconds from the agent's start (resolved when it is enabled), not epoch seconds. */
  afterStart?: boolean;
}

export interface StateChange {
  time: number;
  state: ModuleState;
}

/** What the ACTIVE handler's send came to: nothing held, sent, no hub connected, or the send failed. */
export type SendResult = 'none' | 'sent' | 'no-hub' | 'failed';

export interface StateMachineHost {
  /** Send the held message if there is one ('none' when nothing is held). */
  trySend(now: number, connected: boolean, sendsFail: boolean): SendResult;
  /** SUSPENDED -> ACTIVE: the collectors start again. */
  startCollectors(now: number): void;
  /** PENDING -> SUSPENDED: the collectors stop. */
  stopCollectors(now: number): void;
}

/** One entry of the merged event list: a hub connection change or a send-failure change. */
interface LinkEvent {
  time: number;
  hub: boolean;
  value: boolean;
}

export class SecurityModuleStateMachine {
  state: ModuleState = 'pending';
  private since = 0;
  private connected: boolean;
  private sendsFail = false;
  /** Start of the current hub outage (the disconnect, or the start when the hub was down from it). */
  private outageFrom: number | null = null;
  /** The outage that led to the current (or last) suspension. */
  suspensionOutageFrom: number | null = null;
  /** Time of the next state handler run, or Infinity when none is armed (ACTIVE waits for a message). */
  nextPoll = Infinity;
  private events: LinkEvent[];
  private index = 0;
  readonly changes: StateChange[] = [];

  constructor(
    private readonly host: StateMachineHost,
    private readonly pendingTime: number,
    private readonly retryTime: number,
    hubEvents: HubEvent[],
    initiallyConnected?: boolean,
  ) {
    // Decision: the first hub event tells the state before it (a script that starts with "connected"
    // had no hub until then); without events the hub is up, unless the caller says otherwise.
    this.connected = initiallyConnected ?? (hubEvents.length === 0 || !hubEvents[0].connected);
    this.events = hubEvents.map((e) => ({ time: e.time, hub: true, value: e.connected }));
  }

  /** Adds send-failure changes (absolute times); call before `enable`. Stable: at one time, hub events first. */
  addSendEvents(events: readonly { time: number; failing: boolean }[]): void {
    if (events.length === 0) return;
    this.events = [...this.events, ...events.map((e) => ({ time: e.time, hub: false, value: e.failing }))]
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.time - b.e.time || Number(b.e.hub) - Number(a.e.hub) || a.i - b.i)
      .map((x) => x.e);
  }

  /**
   * nx_azure_iot_security_module_enable -> `_cm_start`: NOT_INITIALIZED -> PENDING, and the PENDING handler
   * runs at once (not from a timer). Events due by `now` apply first (a script's `hubDisconnected` at the
   * start means the hub was down from it).
   */
  enable(now: number): void {
    while (this.nextHubEvent <= now) this.applyHubEvent();
    if (!this.connected) this.outageFrom ??= now;
    this.enter('pending', now);
    this.poll(now);
  }

  /** Time of the next hub or send event (Infinity when none is left). */
  get nextHubEvent(): number {
    return this.index < this.events.length ? this.events[this.index].time : Infinity;
  }

  /** The last hub or send event's time (-Infinity when there is none). */
  get lastEventTime(): number {
    return this.events.length ? this.events[this.events.length - 1].time : -Infinity;
  }

  applyHubEvent(): void {
    const e = this.events[this.index++];
    if (!e.hub) {
      this.sendsFail = e.value;
      return;
    }
    if (e.value) this.outageFrom = null;
    else if (this.connected) this.outageFrom = e.time;
    this.connected = e.value;
  }

  get hubConnected(): boolean {
    return this.connected;
  }

  /** Sends fail while the hub is connected (from `sendsFailing` until `sendsRecovered`). */
  get sendsFailing(): boolean {
    return this.sendsFail;
  }

  private enter(state: ModuleState, now: number): void {
    if (this.changes.length > 0 && this.state === state) return;
    const wasSuspended = this.state === 'suspended';
    this.state = state;
    this.since = now;
    this.changes.push({ time: now, state });
    if (state === 'suspended') {
      this.suspensionOutageFrom = this.outageFrom ?? now;
      this.host.stopCollectors(now);
    } else if (wasSuspended) this.host.startCollectors(now);
  }

  /**
   * SUSPENDED without a hub polls every retry period and changes nothing: move the next poll to the last
   * one due at or before `limit` (the caller makes sure no hub event comes before it). True when it moved.
   */
  skipIdlePolls(limit: number): boolean {
    if (this.state !== 'suspended' || this.connected || this.nextPoll === Infinity || this.retryTime <= 0) return false;
    const n = Math.floor((limit - this.nextPoll) / this.retryTime);
    if (n <= 1) return false;
    this.nextPoll += n * this.retryTime;
    return true;
  }

  /**
   * NOTIFY_MESSAGE_READY after a collection (also one whose message turns out empty, §3.13.7): the current
   * state's handler runs now, inside the collection's timer callback, and the armed poll is deleted first.
   */
  messageReady(now: number): void {
    this.nextPoll = now;
  }

  /**
   * Runs the handler due at `now` (the caller checks nextPoll <= now). A handler runs inside a timer
   * callback (or the collection's), so the 0 s timer it arms to run again as ACTIVE fires at the next
   * periodic event, one second later (event_loop_be.c `_run_once` skips timers added during the run).
   */
  poll(now: number): void {
    this.nextPoll = Infinity;
    switch (this.state) {
      case 'pending':
        if (this.connected) {
          this.enter('active', now);
          this.nextPoll = now + 1;
          return;
        }
        if (now - this.since > this.pendingTime) this.enter('suspended', now);
        this.nextPoll = now + this.retryTime;
        return;
      case 'suspended':
        if (this.connected) {
          // The collectors restart first (`_start_stop_collection`): their 0 s timer runs before this one.
          this.enter('active', now);
          this.nextPoll = now + 1;
          return;
        }
        this.nextPoll = now + this.retryTime;
        return;
      case 'active': {
        const r = this.host.trySend(now, this.connected, this.sendsFail);
        if (r === 'none' || r === 'sent') return;
        // No hub connected: back to PENDING. A connected hub whose send failed: stay ACTIVE. Either way the
        // same message is tried again after the retry period, until the next collection discards it.
        if (r === 'no-hub') {
          this.outageFrom ??= now;
          this.enter('pending', now);
        }
        this.nextPoll = now + this.retryTime;
        return;
      }
    }
  }
}
