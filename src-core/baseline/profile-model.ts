// The simulation profile as the simulator uses it: typed, with paths resolved against the profile's folder.
// Values of the wrong type are left out here; validateProfile reports them.
import { readLimitedJsonValue } from './limited-json-tree';
import type { JsonLimits } from './json-limits';
import { defaultContentLimits } from '../project-config/content-limits';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FeedFormat } from '../intel/feed-types';
import { OUTBOUND_RULES, THRESHOLD_BOUNDS, WINDOW_ALIGNMENTS, WINDOW_BOUNDS, type OutboundRule, type ThresholdBounds, type WindowAlignment, type WindowBounds } from '../cloud/cloud-options';

export interface ProfileFeed { path: string; format: FeedFormat | 'auto'; name?: string }
export interface IpFilterRule { filterName: string; action: 'Accept' | 'Reject'; ipMask: string }
export interface NetworkRuleSet { defaultAction: 'Deny' | 'Allow'; applyToBuiltInEventHubEndpoint?: boolean; ipRules: { filterName: string; action: 'Allow'; ipMask: string }[] }
export interface ProfileDevice { id: string; securityGroup: string; addresses: string[]; capture?: string; credentialFingerprint?: string }

export interface Profile {
  /** Absolute path of the profile file. */
  path: string;
  agentConfig?: string;
  nxUser?: string;
  baseline?: string;
  feeds: ProfileFeed[];
  hub: { ipFilterRules: IpFilterRule[]; networkRuleSets?: NetworkRuleSet; diagnostics?: boolean };
  devices: ProfileDevice[];
  simulation: {
    seed: number; startTime?: string; durationSeconds?: number; hubConnected: boolean; permissiveRulePrefixLength: number;
    windowAlignment?: WindowAlignment; windowBounds?: WindowBounds; thresholdBounds?: ThresholdBounds; outbound?: OutboundRule;
    /** Stretches when the agent's sends fail with the hub connected: seconds after the device's agent started,
     *  or ISO-8601 times; `to` absent means to the end. */
    sendsFailing?: { from: number | string; to?: number | string }[];
  };
}

export function resolveProfilePath(profilePath: string, p: string): string {
  return isAbsolute(p) ? p : resolve(dirname(profilePath), p);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A time in the profile: seconds (a non-negative number) or an ISO-8601 date-time that parses. */
const when = (v: unknown): number | string | undefined =>
  typeof v === 'number' && v >= 0 ? v : typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined;

const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined => (allowed.includes(v as T) ? (v as T) : undefined);

/** `limits`: the content limits the text is read under; past one, the part not read is left out (the profile's
 *  check reports it, MA005). */
export function readProfile(path: string, text: string, limits: JsonLimits = defaultContentLimits): Profile {
  const raw = obj(readLimitedJsonValue(text, limits));
  const at = (p: unknown) => (str(p) ? resolveProfilePath(path, p as string) : undefined);
  const hub = obj(raw.hub);
  const nrs = obj(hub.networkRuleSets);
  const sim = obj(raw.simulation);
  return {
    path,
    agentConfig: at(raw.agentConfig),
    nxUser: at(raw.nxUser),
    baseline: at(raw.baseline),
    feeds: arr(raw.feeds).flatMap((f): ProfileFeed[] => {
      if (typeof f === 'string') return f ? [{ path: resolveProfilePath(path, f), format: 'auto' }] : [];
      const o = obj(f);
      const fmt = ['list', 'csv', 'stix', 'misp'].includes(o.format as string) ? (o.format as FeedFormat) : 'auto';
      return str(o.path) ? [{ path: resolveProfilePath(path, o.path as string), format: fmt, name: str(o.name) }] : [];
    }),
    hub: {
      ipFilterRules: arr(hub.ipFilterRules).map(obj).filter((r) => str(r.ipMask) && (r.action === 'Accept' || r.action === 'Reject'))
        .map((r) => ({ filterName: String(r.filterName ?? ''), action: r.action as 'Accept' | 'Reject', ipMask: r.ipMask as string })),
      networkRuleSets: hub.networkRuleSets === undefined ? undefined : {
        defaultAction: nrs.defaultAction === 'Allow' ? 'Allow' : 'Deny',
        applyToBuiltInEventHubEndpoint: typeof nrs.applyToBuiltInEventHubEndpoint === 'boolean' ? nrs.applyToBuiltInEventHubEndpoint : undefined,
        ipRules: arr(nrs.ipRules).map(obj).filter((r) => str(r.ipMask)).map((r) => ({ filterName: String(r.filterName ?? ''), action: 'Allow' as const, ipMask: r.ipMask as string })),
      },
      diagnostics: typeof hub.diagnostics === 'boolean' ? hub.diagnostics : undefined,
    },
    devices: arr(raw.devices).map(obj).filter((d) => str(d.id)).map((d) => ({
      id: d.id as string,
      securityGroup: str(d.securityGroup) ?? 'default',
      addresses: arr(d.addresses).filter((a): a is string => typeof a === 'string'),
      capture: at(d.capture),
      credentialFingerprint: str(d.credentialFingerprint),
    })),
    simulation: {
      seed: Number.isInteger(sim.seed) && (sim.seed as number) >= 0 ? (sim.seed as number) : 1,
      startTime: str(sim.startTime),
      durationSeconds: typeof sim.durationSeconds === 'number' && sim.durationSeconds > 0 ? sim.durationSeconds : undefined,
      hubConnected: sim.hubConnected !== false,
      permissiveRulePrefixLength: Number.isInteger(sim.permissiveRulePrefixLength) ? (sim.permissiveRulePrefixLength as number) : 16,
      windowAlignment: pick(sim.windowAlignment, WINDOW_ALIGNMENTS),
      windowBounds: pick(sim.windowBounds, WINDOW_BOUNDS),
      thresholdBounds: pick(sim.thresholdBounds, THRESHOLD_BOUNDS),
      outbound: pick(sim.outbound, OUTBOUND_RULES),
      sendsFailing: sim.sendsFailing === undefined ? undefined : arr(sim.sendsFailing).map(obj).filter((w) => when(w.from) !== undefined)
        .map((w) => ({ from: when(w.from)!, ...(when(w.to) !== undefined ? { to: when(w.to)! } : {}) })),
    },
  };
}
