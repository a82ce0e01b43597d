// The baseline as the simulated cloud evaluates it: each security group's enabled rules with what they count,
// their windows and ranges, and the place in the baseline file where each rule is written (for findings).
import type { Node } from 'jsonc-parser';
import { boundedParseTree } from '../util/bounded-json-tree';
import { SourceDocument } from '../language/document';
import { groupsOf, type RuleNode } from '../baseline/baseline-model';
import { parseIsoDuration } from '../baseline/iso-duration';
import { ruleTypeInfo } from '../baseline/rule-types';
import { parseCidr, type Cidr } from '../intel/ip';
import type { SourceLocation } from '../findings/finding';

/** Hub-side event types a rule can count (the event script's types, as IoT Hub's logs would have them). */
export type HubCounterEvent = 'd2cMessage' | 'c2dMessage' | 'c2dRejected' | 'directMethod' | 'twinUpdate' | 'unauthorizedOperation' | 'queuePurge';

export type RuleCounter =
  | { kind: 'active-connections' }
  | { kind: 'hub-events'; event: HubCounterEvent; protocol?: 'mqtt' | 'amqp' | 'http'; withSecurityMessages: boolean };

export interface RuleRef {
  group: string;
  ruleType: string;
  list: string;
  index: number;
  location: SourceLocation;
}

export interface CountRule extends RuleRef {
  counter: RuleCounter;
  min: number;
  max: number;
  /** Window length in seconds; undefined for a thresholdRules entry (counted over the whole run). */
  windowSeconds?: number;
  windowText?: string;
}

export interface AddressListRule extends RuleRef {
  kind: 'allowlist' | 'denylist';
  cidrs: { cidr: Cidr; text: string; location: SourceLocation }[];
  /** The list's node, where an "add this range" fix inserts. */
  valuesLocation?: SourceLocation;
  /** The list's last entry, CIDR or not (a fix inserts after it). */
  lastValueLocation?: SourceLocation;
}

export interface SecurityGroupRules {
  name: string;
  countRules: CountRule[];
  listRules: AddressListRule[];
}

export interface LoadedSecurityGroups {
  file: string;
  groups: Map<string, SecurityGroupRules>;
  /** Rules left out and why (disabled rules are not listed: they raise nothing by definition). */
  notes: string[];
}

const counterOf = (ruleType: string): RuleCounter | undefined => {
  if (ruleType === 'ActiveConnectionsNotInAllowedRange') return { kind: 'active-connections' };
  const m = /^(Mqtt|Amqp|Http)(C2DMessages|C2DRejectedMessages|D2CMessages)NotInAllowedRange$/.exec(ruleType);
  if (m) {
    const protocol = m[1].toLowerCase() as 'mqtt' | 'amqp' | 'http';
    const event: HubCounterEvent = m[2] === 'C2DMessages' ? 'c2dMessage' : m[2] === 'C2DRejectedMessages' ? 'c2dRejected' : 'd2cMessage';
    // The agent's own security messages are device-to-cloud MQTT telemetry: the hub counts them too.
    return { kind: 'hub-events', event, protocol, withSecurityMessages: event === 'd2cMessage' && protocol === 'mqtt' };
  }
  const simple: Record<string, HubCounterEvent> = {
    DirectMethodInvokesNotInAllowedRange: 'directMethod',
    TwinUpdatesNotInAllowedRange: 'twinUpdate',
    UnauthorizedOperationsNotInAllowedRange: 'unauthorizedOperation',
    QueuePurgesNotInAllowedRange: 'queuePurge',
  };
  return simple[ruleType] ? { kind: 'hub-events', event: simple[ruleType], withSecurityMessages: false } : undefined;
};

/** Reads a baseline (project file, bare deviceSecurityGroups resource or ARM template). Never throws. */
export function loadSecurityGroups(file: string, text: string): LoadedSecurityGroups {
  const doc = new SourceDocument(file, text);
  const root = boundedParseTree(text);
  const groups = new Map<string, SecurityGroupRules>();
  const notes: string[] = [];
  const at = (node: Node, label: string, role: SourceLocation['role'] = 'rule'): SourceLocation => ({
    file, role, label, range: doc.rangeOf(node.offset, node.offset + node.length),
  });
  for (const g of groupsOf(root)) {
    const rules: SecurityGroupRules = groups.get(g.name.toLowerCase()) ?? { name: g.name, countRules: [], listRules: [] };
    groups.set(g.name.toLowerCase(), rules);
    for (const r of g.rules) {
      const ref = ruleRef(r, g.name, at);
      if (!ref) continue;
      if (r.field('isEnabled')?.value !== true) continue;
      const info = ruleTypeInfo(ref.ruleType);
      if (!info) {
        notes.push(`${file}: rule ${ref.list}[${ref.index}] of group ${g.name}: unknown rule type ${ref.ruleType}; not evaluated`);
        continue;
      }
      if (info.rtosUnusable) {
        notes.push(`${file}: rule ${ref.ruleType} of group ${g.name} is never raised for an RTOS device: ${info.rtosUnusable}`);
        continue;
      }
      if (r.kind === 'allowlist' || r.kind === 'denylist') {
        const values = r.field(r.kind === 'allowlist' ? 'allowlistValues' : 'denylistValues');
        const cidrs: AddressListRule['cidrs'] = [];
        for (const v of values?.type === 'array' ? values.children ?? [] : []) {
          const c = typeof v.value === 'string' ? parseCidr(v.value) : undefined;
          if (c) cidrs.push({ cidr: c, text: v.value as string, location: at(v, `${v.value} in ${ref.ruleType} of ${g.name}`) });
          else notes.push(`${file}: ${JSON.stringify(v.value)} in ${ref.ruleType} of group ${g.name} is not a CIDR; left out`);
        }
        const lastValue = values?.type === 'array' ? values.children?.[values.children.length - 1] : undefined;
        rules.listRules.push({ ...ref, kind: r.kind, cidrs, valuesLocation: values ? at(values, `${r.kind} of ${ref.ruleType}`) : undefined,
          ...(lastValue ? { lastValueLocation: at(lastValue, `last entry of ${ref.ruleType} in ${g.name}`) } : {}) });
        continue;
      }
      const counter = counterOf(ref.ruleType);
      const min = r.field('minThreshold')?.value;
      const max = r.field('maxThreshold')?.value;
      if (!counter || typeof min !== 'number' || typeof max !== 'number') {
        notes.push(`${file}: rule ${ref.ruleType} of group ${g.name} has no numeric minThreshold and maxThreshold; not evaluated`);
        continue;
      }
      let windowSeconds: number | undefined;
      let windowText: string | undefined;
      if (r.kind === 'timeWindow') {
        const w = r.field('timeWindowSize')?.value;
        windowSeconds = typeof w === 'string' ? parseIsoDuration(w) : undefined;
        if (!windowSeconds || windowSeconds <= 0) {
          notes.push(`${file}: rule ${ref.ruleType} of group ${g.name}: timeWindowSize ${JSON.stringify(w)} is not an ISO-8601 duration; not evaluated`);
          continue;
        }
        windowText = w as string;
      }
      rules.countRules.push({ ...ref, counter, min, max, windowSeconds, windowText });
    }
  }
  return { file, groups, notes };
}

function ruleRef(r: RuleNode, group: string, at: (n: Node, label: string) => SourceLocation): Omit<RuleRef, never> | undefined {
  if (!r.ruleType) return undefined;
  const place = r.field('ruleType') ?? r.node;
  return { group, ruleType: r.ruleType, list: r.list, index: r.index, location: at(place, `${r.ruleType} in ${group}`) };
}
