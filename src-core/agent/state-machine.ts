// The security module's state machine (reference §3.1, §5.3): PENDING, ACTIVE, SUSPENDED, driven by
// hub connection events, a poll every retry period, and "message ready" after each collection.

export type ModuleState = 'pending' | 'active' | 'suspended';

/** A change of the IoT hub connection (from an event script); without any, the hub is up from the start
 *  (or as the profile's `simulation.hubConnected` says). */
export interface HubEvent {
  time: number;
  connected: boolean;
}

export interface StateChange {
  time: number;
  state: ModuleState;
}

export interface StateMachineHost {
  /** Send the held message if there is one; returns 'none' when nothing is held. */
  trySend(now: number, connected: boolean): 'none' | 'sent' | 'failed';
  startCollectors(now: number): void;
  stopCollectors(now: number): void;
}

export class SecurityModuleStateMachine {
  state: ModuleState = 'pending';
  private since = 0;
  private connected: boolean;
  /** Time of the next state handler run, or Infinity when none is armed (ACTIVE waits for a message). */
  nextPoll = Infinity;
  private hubIndex = 0;
  readonly changes: StateChange[] = [];

  constructor(
    private readonly host: StateMachineHost,
    private readonly pendingTime: number,
    private readonly retryTime: number,
    private readonly hubEvents: HubEvent[],
    initiallyConnected?: boolean,
  ) {
    // Decision: the first hub event tells the state before it (a script that starts with "connected"
    // had no hub until then); without events the hub is up, unless the caller says otherwise.
    this.connected = initiallyConnected ?? (hubEvents.length === 0 || !hubEvents[0].connected);
  }

  /** nx_azure_iot_security_module_enable: NOT_INITIALIZED -> PENDING, handler runs at once. */
  enable(now: number): void {
    this.enter('pending', now);
    this.nextPoll = now;
  }

  get nextHubEvent(): number {
    return this.hubIndex < this.hubEvents.length ? this.hubEvents[this.hubIndex].time : Infinity;
  }

  applyHubEvent(): void {
    this.connected = this.hubEvents[this.hubIndex++].connected;
  }

  get hubConnected(): boolean {
    return this.connected;
  }

  private enter(state: ModuleState, now: number): void {
    if (this.changes.length > 0 && this.state === state) return;
    const wasSuspended = this.state === 'suspended';
    this.state = state;
    this.since = now;
    this.changes.push({ time: now, state });
    if (state === 'suspended') this.host.stopCollectors(now);
    else if (wasSuspended) this.host.startCollectors(now);
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

  /** NOTIFY_MESSAGE_READY after a collection: the handler of the current state runs now. */
  messageReady(now: number): void {
    this.nextPoll = Math.min(this.nextPoll, now);
  }

  /** Runs the handler due at `now` (the caller checks nextPoll <= now). */
  poll(now: number): void {
    this.nextPoll = Infinity;
    for (let guard = 0; guard < 4; guard++) {
      switch (this.state) {
        case 'pending':
          if (this.connected) {
            this.enter('active', now);
            continue; // re-run immediately as ACTIVE
          }
          if (now - this.since > this.pendingTime) this.enter('suspended', now);
          this.nextPoll = now + this.retryTime;
          return;
        case 'suspended':
          if (this.connected) {
            this.enter('active', now);
            continue;
          }
          this.nextPoll = now + this.retryTime;
          return;
        case 'active': {
          const r = this.host.trySend(now, this.connected);
          if (r === 'none' || r === 'sent') return;
          // No hub connected: back to PENDING, retry in the retry period with the same message.
          this.enter('pending', now);
          this.nextPoll = now + this.retryTime;
          return;
        }
      }
    }
  }
}
