// The recommendations Defender for IoT listed for RTOS devices (docs/agent-facts.md §4.4, §4.6): identical credentials on
// several devices, the hub's IP filter default action, an IP filter rule with too large a range, diagnostics
// logs off. They read the profile and the hub's settings, not traffic.
import { parseCidr } from '../intel/ip';
import type { Finding, SourceLocation } from '../findings/finding';
import type { HubIpRule, HubSettings } from './hub-settings';

export interface CredentialUse {
  device: string;
  fingerprint: string;
  location: SourceLocation;
}

export function sharedCredentialFindings(uses: readonly CredentialUse[]): Finding[] {
  const byPrint = new Map<string, CredentialUse[]>();
  for (const u of uses) {
    const k = u.fingerprint.trim().toLowerCase();
    byPrint.set(k, [...(byPrint.get(k) ?? []), u]);
  }
  const out: Finding[] = [];
  for (const group of byPrint.values()) {
    if (group.length < 2) continue;
    for (const u of group) {
      const others = group.filter((g) => g !== u).map((g) => g.device);
      out.push({
        id: `MA420:${u.device}`,
        code: 'MA420',
        kind: 'recommendation',
        severity: 'High',
        origin: 'cloud',
        alertType: 'IoT_SharedCredentials',
        title: 'Identical authentication credentials used by multiple devices',
        message: `${u.device} authenticates with the same credential as ${others.join(', ')}: an illegitimate device could impersonate a legitimate one.`,
        device: u.device,
        count: 1,
        evidence: { facts: { sharedWith: others.join(', '), devices: group.length } },
        // Its own credential first: a finding is shown at its first location.
        locations: [u.location, ...group.filter((g) => g !== u).map((g) => g.location)],
        agentVisible: null,
        remediation: 'Give every device its own identity: its own X.509 certificate or symmetric key, provisioned per device.',
      });
    }
  }
  return out;
}

function prefixOf(mask: string): number | undefined {
  const c = parseCidr(mask);
  return c && c.version === 4 ? c.prefix : undefined;
}

/** An ARM template expression ("[parameters('x')]"): its value is only known at deployment. */
const isExpression = (v: string) => v.startsWith('[') && !v.startsWith('[[');

export function hubFindings(hub: HubSettings, permissivePrefix: number, notes: string[] = []): Finding[] {
  const out: Finding[] = [];
  if (hub.publicNetworkAccess === 'Disabled') {
    notes.push(`${hub.file}: publicNetworkAccess is Disabled (only private endpoints reach the hub): the IP filter recommendations do not apply`);
    return diagnosticsFinding(hub);
  }
  const rec = (code: string, alertType: string | undefined, severity: Finding['severity'], title: string, message: string, location: SourceLocation, remediation: string, subject = ''): Finding => ({
    id: `${code}:hub${subject ? `:${subject}` : ''}`, code, kind: 'recommendation', severity, origin: 'cloud', ...(alertType ? { alertType } : {}),
    title, message, count: 1, evidence: {}, locations: [location], agentVisible: null, remediation,
  });

  // Default action: the network rule set says it; without one, the legacy filter accepts whatever no rule rejects.
  const nrs = hub.networkRuleSets;
  const legacy = hub.ipFilterRules ?? [];
  const rejectsAllLast = legacy.length > 0 && legacy[legacy.length - 1].action === 'Reject' && prefixOf(legacy[legacy.length - 1].ipMask) === 0;
  let openBy: { why: string; at: SourceLocation } | undefined;
  if (nrs && isExpression(nrs.defaultAction)) notes.push(`${hub.file}: networkRuleSets.defaultAction is the template expression ${nrs.defaultAction}; MA421 not evaluated`);
  else if (nrs && nrs.defaultAction !== 'Deny') openBy = { why: `networkRuleSets.defaultAction is ${nrs.defaultAction}`, at: nrs.defaultActionLocation ?? nrs.location };
  else if (!nrs && !rejectsAllLast) {
    openBy = legacy.length
      ? { why: 'the legacy IP filter has no final rule rejecting 0.0.0.0/0, so traffic no rule matches is accepted', at: legacy[legacy.length - 1].location }
      : { why: 'the hub has no IP filter rules, so every address is accepted', at: hub.location };
  }
  if (openBy) {
    out.push(rec('MA421', 'IoT_IPFilter_DenyAll', 'Medium', 'The Default IP filter policy should be set to deny',
      `The IoT hub accepts connections from addresses its rules do not name: ${openBy.why}.`, openBy.at,
      'Set networkRuleSets.defaultAction to "Deny" and allow only the ranges your devices and services use.'));
  }

  const permissive: HubIpRule[] = [...legacy.filter((r) => r.action === 'Accept'), ...(nrs?.ipRules ?? []).filter((r) => r.action === 'Allow' || r.action === '')];
  for (const r of permissive) {
    if (isExpression(r.ipMask)) {
      notes.push(`${hub.file}: IP rule ${r.filterName || r.ipMask} has the template expression ${r.ipMask} as its mask; MA422 not evaluated for it`);
      continue;
    }
    const p = prefixOf(r.ipMask);
    if (p === undefined || p >= permissivePrefix) continue;
    const size = 2 ** (32 - p);
    out.push(rec('MA422', 'IoT_IPFilter_PermissiveRule', 'Medium', 'IP filter rule includes a large IP range',
      `IP filter rule ${r.filterName ? `"${r.filterName}" ` : ''}allows ${r.ipMask}: ${size.toLocaleString('en-US')} addresses (a prefix shorter than /${permissivePrefix} counts as large here).`,
      r.location, 'Narrow the rule to the addresses that need the hub, or replace it with several small ranges.', r.ipMask));
  }

  out.push(...diagnosticsFinding(hub));
  return out;
}

function diagnosticsFinding(hub: HubSettings): Finding[] {
  if (hub.diagnostics !== false) return [];
  return [{
    id: 'MA423:hub', code: 'MA423', kind: 'recommendation', severity: 'Low', origin: 'cloud', title: 'Suggestion to enable diagnostics logs in IoT Hub',
    message: 'The IoT hub\'s diagnostic logs are off (or, for an ARM template, the template holds no diagnostic setting with a log enabled; one deployed apart, by Azure Policy for example, is not seen): its operations (connections, twin and method calls, failures) leave no trace to investigate.',
    count: 1, evidence: {}, locations: [hub.diagnosticsLocation ?? hub.location], agentVisible: null,
    remediation: 'Enable logs and retain them for up to a year (a diagnostic setting sending the hub\'s log categories to a Log Analytics workspace or storage).',
  }];
}
