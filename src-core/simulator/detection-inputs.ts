// Gathers what the simulated cloud reads besides traffic: the feeds (one indicator set), the baseline's
// security groups, the hub's settings (a profile's `hub` or a --hub file), the devices' credentials, and
// the cloud's open choices; every piece keeps its file and place so findings can point at it.
import { basename } from 'node:path';
import type { Node } from 'jsonc-parser';
import type { Profile } from '../baseline/profile-model';
import { readLimitedJsonTree } from '../baseline/limited-json-tree';
import { defaultContentLimits, type ContentLimits } from '../project-config/content-limits';
import { child } from '../baseline/json-document';
import { SourceDocument } from '../language/document';
import { loadFeeds, type FeedSpec } from '../intel/indicator-loader';
import { withFeedCache } from '../intel/feed-cache';
import type { SourceLocation } from '../findings/finding';
import type { AgentConfig } from '../config/agent-config';
import { defaultCloudOptions, type CloudOptions } from '../cloud/cloud-options';
import type { CloudInputs } from '../cloud/cloud-stage';
import type { ConfigLocator } from '../cloud/config-locator';
import { InputFileError, type InputFileKind } from '../util/input-file';
import { hubFromFile, hubFromProfileTree, type HubSettings } from '../cloud/hub-settings';
import type { CredentialUse } from '../cloud/recommendations';
import { loadSecurityGroups } from '../cloud/security-groups';
import { learnedPathFor } from '../learn/learned-profile';
import { loadLearnedProfile } from '../learn/learned-profile-loader';

export interface DetectionSources {
  /** The profile (its path and text), when the run has one. */
  profile?: { model: Profile; text: string };
  baseline?: string;
  feeds: FeedSpec[];
  /** A file with the IotHubs resource (or an ARM template); replaces the profile's `hub`. */
  hubFile?: string;
  config: AgentConfig;
  locator: ConfigLocator;
  /** Overrides of the cloud's open choices (the profile's `simulation` settings come first). */
  options?: Partial<CloudOptions>;
  /** Where loaded feeds are cached between runs (absent: no cache), and the tool's version it is keyed on. */
  feedCache?: { dir: string; version: string };
  /** The content limits the JSON inputs are read under (the project's `limits`, as the checker applies them). */
  limits?: ContentLimits;
}

/** Refusals listed for one file at most (each names a place and a limit; the checker lists them all). */
const REFUSALS_LISTED = 5;

export interface LoadedDetections {
  inputs: CloudInputs;
  /** Inputs that could not be used at all (a missing feed, an unreadable baseline): the run should stop. */
  errors: string[];
  notes: string[];
}

/** `readFile` returns a file's text, undefined (or throws) when it is absent; an InputFileError it throws (a
 *  device, a file over its size limit) becomes the error reported for that input. */
export function loadDetectionInputs(src: DetectionSources, readFile: (path: string, kind: InputFileKind) => string | undefined): LoadedDetections {
  // Why each unreadable input was refused, when the reader said (a refusal says more than "cannot read").
  const refusals = new Map<string, string>();
  const readText = (p: string, kind: InputFileKind = 'json'): string | undefined => {
    try {
      return readFile(p, kind);
    } catch (err) {
      if (err instanceof InputFileError && err.reason !== 'missing') refusals.set(p, err.message);
      return undefined;
    }
  };
  const errors: string[] = [];
  const notes: string[] = [];
  const sim = src.profile?.model.simulation;
  const options: CloudOptions = {
    ...defaultCloudOptions,
    ...(sim ? { permissiveRulePrefixLength: sim.permissiveRulePrefixLength } : {}),
    ...(sim?.windowAlignment ? { windowAlignment: sim.windowAlignment } : {}),
    ...(sim?.windowBounds ? { windowBounds: sim.windowBounds } : {}),
    ...(sim?.thresholdBounds ? { thresholdBounds: sim.thresholdBounds } : {}),
    ...(sim?.outbound ? { outbound: sim.outbound } : {}),
    ...src.options,
  };

  let indicators: CloudInputs['indicators'];
  const feedFiles = new Map<string, string>();
  if (src.feeds.length) {
    // Findings name a feed by its name, else its file name (the full path only when two feeds share one).
    const base = src.feeds.map((f) => basename(f.path));
    const specs = src.feeds.map((f, i) => ({ ...f, name: f.name ?? (base.indexOf(base[i]) === base.lastIndexOf(base[i]) ? base[i] : f.path) }));
    const readFeed = (p: string) => readText(p, 'feed');
    const loaded = src.feedCache ? withFeedCache(src.feedCache.dir, specs, src.feedCache.version, () => loadFeeds(specs, readFeed)) : loadFeeds(specs, readFeed);
    indicators = loaded.set;
    for (const f of loaded.feeds) {
      feedFiles.set(f.spec.name ?? f.spec.path, f.spec.path);
      if (f.error) errors.push(refusals.get(f.spec.path) ?? f.error);
      const bad = f.result ? unreadEntries(f.result.issues) : { count: 0, more: false };
      if (bad.count) notes.push(`${f.spec.path}: ${bad.more ? 'more than ' : ''}${bad.count} entr${bad.count === 1 && !bad.more ? 'y' : 'ies'} could not be read (microagent check lists them, given the profile that names the feed, or the feed itself when it is a .netset or .ipset)`);
    }
  }

  const limits = src.limits ?? defaultContentLimits;
  // A file past a content limit stops the run: simulating without the part not read would report wrong alerts.
  const refuse = (file: string, lines: string[]) => {
    errors.push(...lines.slice(0, REFUSALS_LISTED));
    if (lines.length > REFUSALS_LISTED) errors.push(`${file}: and ${lines.length - REFUSALS_LISTED} more places past a content limit (microagent check ${file} lists them)`);
  };
  let securityGroups: CloudInputs['securityGroups'];
  if (src.baseline) {
    const text = readText(src.baseline);
    if (text === undefined) errors.push(refusals.get(src.baseline) ?? `${src.baseline}: cannot read the baseline`);
    else {
      const loaded = loadSecurityGroups(src.baseline, text, limits);
      if (loaded.refusals.length) refuse(src.baseline, loaded.refusals);
      else securityGroups = loaded;
    }
  }

  // The learned profile `microagent learn` writes beside the baseline (X.baseline.json -> X.learned.json), when present.
  let learned: CloudInputs['learned'];
  const learnedFile = src.baseline ? learnedPathFor(src.baseline) : undefined;
  const learnedText = learnedFile ? readText(learnedFile) : undefined;
  const learnedRefused = learnedFile ? refusals.get(learnedFile) : undefined;
  if (learnedRefused) notes.push(`the learned profile beside the baseline was not read: ${learnedRefused}`);
  if (learnedFile && learnedText !== undefined) {
    const l = loadLearnedProfile(learnedFile, learnedText, limits);
    if (l.note) notes.push(l.note);
    else learned = l.profile;
  }

  let hub: HubSettings | undefined;
  if (src.hubFile) {
    const text = readText(src.hubFile);
    const h = text === undefined ? { error: refusals.get(src.hubFile) ?? `${src.hubFile}: cannot read the hub settings` } : hubFromFile(src.hubFile, text, limits);
    if ('error' in h) errors.push(h.error);
    else hub = h;
  }
  // The profile is read once, for its hub, its devices' places and their credentials.
  const profileDoc = src.profile ? new SourceDocument(src.profile.model.path, src.profile.text) : undefined;
  const profileTree = profileDoc ? readLimitedJsonTree(profileDoc, limits, 'profile') : undefined;
  if (profileDoc && profileTree?.refusals.length) refuse(profileDoc.path, profileTree.refusals);
  const profileRoot = profileTree?.root;
  if (!src.hubFile && profileDoc) hub = hubFromProfileTree(profileDoc, profileRoot);
  if (!hub) notes.push('no hub settings given (a profile\'s "hub" or --hub FILE): the hub recommendations were not evaluated');

  return {
    inputs: { options, indicators, feedFiles, securityGroups, ...(learned ? { learned } : {}), hub, credentials: profileDoc ? credentialsOf(profileDoc, profileRoot) : [],
      ...(profileDoc ? { deviceLocations: deviceLocationsOf(profileDoc, profileRoot) } : {}), config: src.config, where: src.locator },
    errors,
    notes,
  };
}

/** Each profile device's `id`, with its place in the profile. */
function deviceLocationsOf(doc: SourceDocument, root: Node | undefined): Map<string, SourceLocation> {
  const file = doc.path;
  const devices = child(root, 'devices');
  const out = new Map<string, SourceLocation>();
  for (const d of devices?.type === 'array' ? devices.children ?? [] : []) {
    const id = child(d, 'id');
    if (typeof id?.value !== 'string' || out.has(id.value)) continue;
    out.set(id.value, { file, role: 'profile', label: `device ${id.value} in the profile`, range: doc.rangeOf(id.offset, id.offset + id.length) });
  }
  return out;
}

/** Each profile device's credentialFingerprint, with its place in the profile. */
function credentialsOf(doc: SourceDocument, root: Node | undefined): CredentialUse[] {
  const file = doc.path;
  const devices = child(root, 'devices');
  const out: CredentialUse[] = [];
  for (const d of devices?.type === 'array' ? devices.children ?? [] : []) {
    const id = child(d, 'id')?.value;
    const fp = child(d, 'credentialFingerprint');
    if (typeof id !== 'string' || typeof fp?.value !== 'string' || fp.value === '') continue;
    out.push({ device: id, fingerprint: fp.value, location: { file, role: 'profile', label: `credentialFingerprint of ${id}`, range: doc.rangeOf(fp.offset, fp.offset + fp.length) } });
  }
  return out;
}

/**
 * The feed entries left out: errors, and MA310 (an entry that does not parse), which `microagent check` shows
 * as a warning since the rest of the feed is usable, but which is an indicator the run does not have. Past
 * MAX_BAD_LINE_NOTES the reader closes with one file-level MA310 for the rest: "more than" the ones listed.
 */
function unreadEntries(issues: readonly { code: string; severity: string; start: number; end: number }[]): { count: number; more: boolean } {
  let count = 0;
  let more = false;
  for (const i of issues) {
    if (i.code === 'MA310' && i.start === 0 && i.end === 0) more = true;
    else if (i.severity === 'error' || i.code === 'MA310') count++;
  }
  return { count, more };
}
