// The baseline as the simulated cloud evaluates it: each security group's enabled rules with what they count,
// their windows and ranges, and the place in the baseline file where each rule is written (for findings).
import type { Node } from 'jsonc-parser';
import { SourceDocument } from '../language/document';
import { readLimitedJsonTree } from '../baseline/limited-json-tree';
import type { JsonLimits } from '../baseline/json-limits';
import { defaultContentLimits } from '../project-config/content-limits';
import { quoteValue } from '../findings/text-safety';
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
  /** Rules left out and why (disabled rules are not listed: they raise nothing by definition); the first
   *  MAX_NOTES, then how many more. */
  notes: string[];
  /** The content limits the file passes, each as `file:line:col: MA005 message`: the baseline was not read
   *  (no groups), and a run should stop rather than go on without its rules. */
  refusals: string[];
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

/** Notes listed at most: a baseline of 100,000 rules of an unknown type says so 100,000 times otherwise. */
export const MAX_NOTES = 50;

/** Counters by rule type: every rule of a type shares one (a baseline may hold 100,000 rules). */
const counters = new Map<string, RuleCounter | undefined>();
const sharedCounterOf = (ruleType: string): RuleCounter | undefined => {
  if (!counters.has(ruleType)) counters.set(ruleType, counterOf(ruleType));
  return counters.get(ruleType);
};

/**
 * Reads a baseline (project file, bare deviceSecurityGroups resource or ARM template) under the checker's content
 * limits (`limits`: the defaults, or the project's): past one, nothing is read and `refusals` says where and which.
 * What it keeps is a few hundred bytes a rule; the tree it walks keeps nothing (limited-json-tree.ts). Never throws.
 */
export function loadSecurityGroups(file: string, text: string, limits: JsonLimits = defaultContentLimits): LoadedSecurityGroups {
  const doc = new SourceDocument(file, text);
  const read = readLimitedJsonTree(doc, limits, 'baseline');
  const groups = new Map<string, SecurityGroupRules>();
  const notes: string[] = [];
  let notesLeftOut = 0;
  const note = (n: string) => (notes.length < MAX_NOTES ? notes.push(n) : notesLeftOut++);
  if (read.syntaxErrors) note(`${file}: the baseline has JSON syntax errors (microagent check lists them); its rules were read as far as its syntax allows`);
  const at = (node: Node, label: string, role: SourceLocation['role'] = 'rule'): SourceLocation => ({
    file, role, label, range: doc.rangeOf(node.offset, node.offset + node.length),
  });
  for (const g of groupsOf(read.root)) {
    const rules: SecurityGroupRules = groups.get(g.name.toLowerCase()) ?? { name: g.name, countRules: [], listRules: [] };
    groups.set(g.name.toLowerCase(), rules);
    for (const r of g.rules) {
      if (!r.ruleType) continue;
      // One listing of the rule's members: the tree keeps none, so each lookup would list them again.
      const field = membersOf(r.node);
      const ref = ruleRef(r, r.ruleType, g.name, field.get('ruleType'), at);
      if (field.get('isEnabled')?.value !== true) continue;
      const info = ruleTypeInfo(ref.ruleType);
      if (!info) {
        note(`${file}: rule ${ref.list}[${ref.index}] of group ${g.name}: unknown rule type ${quoteValue(ref.ruleType)}; not evaluated`);
        continue;
      }
      if (info.rtosUnusable) {
        note(`${file}: rule ${ref.ruleType} of group ${g.name} is never raised for an RTOS device: ${info.rtosUnusable}`);
        continue;
      }
      if (r.kind === 'allowlist' || r.kind === 'denylist') {
        const values = field.get(r.kind === 'allowlist' ? 'allowlistValues' : 'denylistValues');
        const entries = values?.type === 'array' ? values.children ?? [] : [];
        const cidrs: AddressListRule['cidrs'] = [];
        for (const v of entries) {
          const c = typeof v.value === 'string' ? parseCidr(v.value) : undefined;
          if (c) cidrs.push({ cidr: c, text: v.value as string, location: at(v, `${v.value} in ${ref.ruleType} of ${g.name}`) });
          else note(`${file}: ${quoteValue(v.value)} in ${ref.ruleType} of group ${g.name} is not a CIDR; left out`);
        }
        const lastValue = entries[entries.length - 1];
        rules.listRules.push({ group: ref.group, ruleType: ref.ruleType, list: ref.list, index: ref.index, location: ref.location, kind: r.kind, cidrs,
          valuesLocation: values ? at(values, `${r.kind} of ${ref.ruleType}`) : undefined,
          lastValueLocation: lastValue ? at(lastValue, `last entry of ${ref.ruleType} in ${g.name}`) : undefined });
        continue;
      }
      const counter = sharedCounterOf(ref.ruleType);
      const min = field.get('minThreshold')?.value;
      const max = field.get('maxThreshold')?.value;
      if (!counter || typeof min !== 'number' || typeof max !== 'number') {
        note(`${file}: rule ${ref.ruleType} of group ${g.name} has no numeric minThreshold and maxThreshold; not evaluated`);
        continue;
      }
      let windowSeconds: number | undefined;
      let windowText: string | undefined;
      if (r.kind === 'timeWindow') {
        const w = field.get('timeWindowSize')?.value;
        windowSeconds = typeof w === 'string' ? parseIsoDuration(w) : undefined;
        if (!windowSeconds || windowSeconds <= 0) {
          note(`${file}: rule ${ref.ruleType} of group ${g.name}: timeWindowSize ${quoteValue(w)} is not an ISO-8601 duration; not evaluated`);
          continue;
        }
        windowText = w as string;
      }
      // Written out, not spread: a spread gives each of 100,000 rules a hidden class of its own (1 KB a rule).
      rules.countRules.push({ group: ref.group, ruleType: ref.ruleType, list: ref.list, index: ref.index, location: ref.location, counter, min, max, windowSeconds, windowText });
    }
  }
  if (notesLeftOut) notes.push(`${file}: and ${notesLeftOut} more rules or entries left out (microagent check ${file} lists them)`);
  return { file, groups, notes, refusals: read.refusals };
}

/** An object's members by key (a key given twice: its last value, as JSON.parse and the REST API keep). */
function membersOf(obj: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  if (obj.type !== 'object') return out;
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === 'string') out.set(k.value, v);
  }
  return out;
}

function ruleRef(r: RuleNode, ruleType: string, group: string, ruleTypeNode: Node | undefined, at: (n: Node, label: string) => SourceLocation): RuleRef {
  return { group, ruleType, list: r.list, index: r.index, location: at(ruleTypeNode ?? r.node, `${ruleType} in ${group}`) };
}
