// One device seen one way: what the cloud received from its agent, or what really happened on the wire.
// Records go in as they come (time order); the analyses get each remote as the activity table lets go of it.
import { ActivityTable } from './activity';
import { DEFAULT_CLOUD_LIMITS, type CloudLimits } from './cloud-limits';
import type { CloudOptions } from './cloud-options';
import { isOutbound, type CloudRecord } from './cloud-record';
import { RuleCounters } from './rule-counters';
import type { HubCounterEvent, SecurityGroupRules } from './security-groups';

export type ViewName = 'agent' | 'truth';

export class DeviceView {
  readonly activity: ActivityTable;
  readonly counters: RuleCounters;
  records = 0;
  firstTime = Infinity;
  lastTime = -Infinity;

  constructor(
    readonly view: ViewName,
    readonly group: SecurityGroupRules | undefined,
    readonly options: CloudOptions,
    deviceText: (version: 4 | 6, words: readonly number[]) => string,
    limits: CloudLimits = DEFAULT_CLOUD_LIMITS,
  ) {
    this.activity = new ActivityTable(deviceText, limits);
    this.counters = new RuleCounters(group?.countRules ?? [], options, limits.exactDistinct);
  }

  /** The records of one network activity event (agent) or one period (truth), stamped `time`. */
  addRecord(time: number, r: CloudRecord): void {
    this.records++;
    if (time < this.firstTime) this.firstTime = time;
    if (time > this.lastTime) this.lastTime = time;
    this.activity.add(time, r, isOutbound(r, this.options.outbound));
    if (!this.counters.empty) this.counters.addFlow(time, r.flowKey);
  }

  addHubEvents(time: number, event: HubCounterEvent, protocol: string | undefined, count: number): void {
    if (!this.counters.empty) this.counters.addHubEvents(time, event, protocol, count);
  }

  addSecurityMessage(time: number): void {
    if (!this.counters.empty) this.counters.addSecurityMessage(time);
  }
}
