// The IoT hub's network and diagnostics settings (docs/agent-facts.md §4.6), read with their places in the file: from
// a simulation profile's `hub`, or from a file holding the Microsoft.Devices/IotHubs resource (alone or in an
// ARM template, with any Microsoft.Insights diagnosticSettings beside it).
import type { Node } from 'jsonc-parser';
import { SourceDocument } from '../language/document';
import { readLimitedJsonTree } from '../baseline/limited-json-tree';
import type { JsonLimits } from '../baseline/json-limits';
import { defaultContentLimits } from '../project-config/content-limits';
import { child } from '../baseline/json-document';
import type { SourceLocation } from '../findings/finding';

export interface HubIpRule {
  filterName: string;
  action: string;
  ipMask: string;
  location: SourceLocation;
}

export interface HubSettings {
  file: string;
  /** Where the settings sit (the profile's `hub`, or the hub resource). */
  location: SourceLocation;
  /** Legacy `ipFilterRules`, undefined when absent. */
  ipFilterRules?: HubIpRule[];
  networkRuleSets?: { defaultAction: string; location: SourceLocation; defaultActionLocation?: SourceLocation; ipRules: HubIpRule[] };
  /** `publicNetworkAccess` as written ('Disabled': only private endpoints reach the hub, the IP filter is moot). */
  publicNetworkAccess?: string;
  /** Diagnostics logs on or off; undefined when the file does not say. */
  diagnostics?: boolean;
  diagnosticsLocation?: SourceLocation;
  /** What could not be read, said once each. */
  notes: string[];
}

const HUB_TYPE = /^Microsoft\.Devices\/IotHubs$/i;
const DIAGNOSTICS_TYPE = /(^|\/)diagnosticSettings$/i;

function locator(doc: SourceDocument) {
  const file = doc.path;
  return (node: Node, label: string, role: SourceLocation['role'] = 'hub'): SourceLocation => ({ file, role, label, range: doc.rangeOf(node.offset, node.offset + node.length) });
}

function rules(arr: Node | undefined, at: ReturnType<typeof locator>, what: string): HubIpRule[] {
  if (!arr || arr.type !== 'array') return [];
  return (arr.children ?? []).flatMap((r) => {
    if (r.type !== 'object') return [];
    const mask = child(r, 'ipMask');
    const name = child(r, 'filterName');
    const action = child(r, 'action');
    if (typeof mask?.value !== 'string') return [];
    const filterName = typeof name?.value === 'string' ? name.value : '';
    return [{ filterName, action: typeof action?.value === 'string' ? action.value : '', ipMask: mask.value, location: at(mask, `${what} ${filterName || mask.value}`) }];
  });
}

/** Reads hub settings from an object holding `ipFilterRules` / `networkRuleSets` (and, in a profile, `diagnostics`). */
function fromProperties(file: string, props: Node, at: ReturnType<typeof locator>, label: string): HubSettings {
  const s: HubSettings = { file, location: at(props, label), notes: [] };
  const legacy = child(props, 'ipFilterRules');
  if (legacy) s.ipFilterRules = rules(legacy, at, 'IP filter rule');
  const nrs = child(props, 'networkRuleSets');
  if (nrs && nrs.type === 'object') {
    const da = child(nrs, 'defaultAction');
    s.networkRuleSets = {
      // The management SDKs give Deny as the default action's default (§4.6).
      defaultAction: typeof da?.value === 'string' ? da.value : 'Deny',
      location: at(nrs, 'networkRuleSets'),
      ...(da ? { defaultActionLocation: at(da, 'networkRuleSets.defaultAction') } : {}),
      ipRules: rules(child(nrs, 'ipRules'), at, 'IP rule'),
    };
  }
  const pna = child(props, 'publicNetworkAccess');
  if (typeof pna?.value === 'string') s.publicNetworkAccess = pna.value;
  const diag = child(props, 'diagnostics');
  if (typeof diag?.value === 'boolean') {
    s.diagnostics = diag.value;
    s.diagnosticsLocation = at(diag, 'diagnostics');
  }
  return s;
}

/** The `hub` of a simulation profile, or undefined when the profile has none (or is past a content limit:
 *  the profile's own check refuses it then). */
export function hubFromProfile(file: string, text: string, limits: JsonLimits = defaultContentLimits): HubSettings | undefined {
  const doc = new SourceDocument(file, text);
  return hubFromProfileTree(doc, readLimitedJsonTree(doc, limits, 'profile').root);
}

/** hubFromProfile on a profile read already (readLimitedJsonTree). */
export function hubFromProfileTree(doc: SourceDocument, root: Node | undefined): HubSettings | undefined {
  const hub = child(root, 'hub');
  if (!hub || hub.type !== 'object') return undefined;
  return fromProperties(doc.path, hub, locator(doc), 'hub');
}

function findHubs(node: Node | undefined, out: Node[], diag: Node[], depth = 0): void {
  if (!node || depth > 8) return;
  if (node.type === 'array') for (const c of node.children ?? []) findHubs(c, out, diag, depth + 1);
  if (node.type !== 'object') return;
  const type = child(node, 'type')?.value;
  if (typeof type === 'string' && HUB_TYPE.test(type)) out.push(node);
  if (typeof type === 'string' && DIAGNOSTICS_TYPE.test(type)) diag.push(node);
  findHubs(child(node, 'resources'), out, diag, depth + 1);
}

/**
 * A `--hub FILE`: the IotHubs resource as ARM or the REST API writes it, or an ARM template holding it. In a
 * template, diagnostics count as on when a diagnosticSettings resource sends any log category somewhere,
 * and as off when the template has none.
 */
export function hubFromFile(file: string, text: string, limits: JsonLimits = defaultContentLimits): HubSettings | { error: string } {
  const doc = new SourceDocument(file, text);
  const read = readLimitedJsonTree(doc, limits, 'hub settings file');
  if (read.refusals.length) return { error: read.refusals[0] + (read.refusals.length > 1 ? ` (and ${read.refusals.length - 1} more places past a content limit)` : '') };
  const root = read.root;
  if (!root || root.type !== 'object') return { error: `${file}: not a JSON object` };
  // Said as for a baseline: a rule lost to a typo must not read as a hub without that rule.
  const syntaxNote = read.syntaxErrors ? [`${file}: the hub settings have JSON syntax errors; they were read as far as their syntax allows`] : [];
  const at = locator(doc);
  const hubs: Node[] = [];
  const diag: Node[] = [];
  const isTemplate = child(root, 'resources') !== undefined;
  findHubs(isTemplate ? child(root, 'resources') : root, hubs, diag);
  if (!isTemplate && hubs.length === 0 && (child(root, 'ipFilterRules') || child(root, 'networkRuleSets'))) {
    // The resource's `properties` alone (as `az iot hub show --query properties` prints them).
    const settings = fromProperties(file, root, at, 'hub properties');
    settings.notes.unshift(...syntaxNote);
    return settings;
  }
  if (hubs.length === 0) return { error: `${file}: no Microsoft.Devices/IotHubs resource found` };
  const hub = hubs[0];
  const props = child(hub, 'properties');
  const name = child(hub, 'name')?.value;
  const settings = props && props.type === 'object'
    ? fromProperties(file, props, at, `IoT hub ${typeof name === 'string' ? name : ''}`.trim())
    : { file, location: at(hub, 'IoT hub'), notes: [] as string[] };
  settings.notes.unshift(...syntaxNote);
  if (hubs.length > 1) settings.notes.push(`${file}: ${hubs.length} IoT hubs; the first one's settings are used`);
  if (isTemplate) {
    const enabled = diag.find((d) => {
      const logs = child(child(d, 'properties'), 'logs');
      return (logs?.children ?? []).some((l) => child(l, 'enabled')?.value === true);
    });
    settings.diagnostics = enabled !== undefined;
    settings.diagnosticsLocation = enabled ? at(enabled, 'diagnostic setting') : settings.location;
  }
  return settings;
}
