// Reads a learned profile (`X.learned.json`, written by `microagent learn`) for the cloud stage: a small
// schema check first, then each remote address parsed. A bad file gives one note naming the file and the
// place (line:column and JSON pointer) and no profile: MA402 is then not evaluated. Never throws.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { getNodeValue, type Node } from 'jsonc-parser';
import { SourceDocument } from '../language/document';
import { keyOf, nodeAt, parseJson, pointerToPath } from '../baseline/json-document';
import type { JsonLimits } from '../baseline/json-limits';
import { defaultContentLimits } from '../project-config/content-limits';
import type { SourceLocation } from '../findings/finding';
import { addressKey, addressText } from '../cloud/cloud-record';
import { ipv6BytesToWords, parseIpv4, parseIpv6 } from '../traffic/ip-address';
import { LEARNED_PROFILE_VERSION } from './learned-profile';
import { shortValue } from '../findings/text-safety';

export interface LearnedRemote {
  /** The address as the cloud writes it (IPv6 in RFC 5952 form). */
  text: string;
  services: ReadonlySet<string>;
  /** The address's entry in the learned file (a finding's location). */
  location: SourceLocation;
}

export interface LearnedGroup {
  name: string;
  /** By addressKey (IPv4 number, IPv6 words joined). */
  remotes: Map<number | string, LearnedRemote>;
}

export interface LoadedLearnedProfile {
  file: string;
  /** By lower-cased group name. */
  groups: Map<string, LearnedGroup>;
}

export type LearnedProfileLoad = { profile: LoadedLearnedProfile; note?: undefined } | { profile?: undefined; note: string };

const SERVICE_PATTERN = '^(?:(?:TCP|UDP) (?:0|[1-9][0-9]{0,4})|ICMP|other)$';

/** The learned file's schema (draft-07), kept small: what the loader needs, nothing more. */
export const learnedProfileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Micro Agent Studio learned profile',
  type: 'object',
  required: ['learnedProfile', 'groups'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    learnedProfile: { const: LEARNED_PROFILE_VERSION },
    generatedBy: { type: 'string' },
    source: { type: 'object' },
    groups: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['remotes'],
        additionalProperties: false,
        properties: {
          remotes: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              required: ['services'],
              additionalProperties: false,
              properties: { services: { type: 'array', items: { type: 'string', pattern: SERVICE_PATTERN } } },
            },
          },
        },
      },
    },
  },
} as const;

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(learnedProfileSchema);
  return validator(value) ? [] : validator.errors ?? [];
}

/** `limits`: the content limits it is read under (the project's; a file past one gives the MA005 note). */
export function loadLearnedProfile(file: string, text: string, limits: JsonLimits = defaultContentLimits): LearnedProfileLoad {
  const doc = new SourceDocument(file, text);
  const parsed = parseJson(doc, 'MA402', limits);
  const place = (offset: number) => {
    const p = doc.positionAt(offset);
    return `${file}:${p.line + 1}:${p.character + 1}`;
  };
  const skipped = 'the learned profile is not used (MA402 not evaluated)';
  if (parsed.syntax.length || !parsed.root) {
    const d = parsed.syntax[0];
    const at = d ? `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}` : file;
    return { note: `${at}: ${d?.message ?? 'empty file'}; ${skipped}` };
  }
  const root = parsed.root;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Comments or trailing commas: jsonc-parser read it; take the value from the tree.
    value = getNodeValue(root);
  }
  const errors = validate(value);
  if (errors.length) {
    const e = errors[0];
    const path = pointerToPath(e.instancePath);
    const node = nodeAt(root, path);
    const at = node ? place((e.keyword === 'additionalProperties' ? keyAt(node, e) : node).offset) : file;
    const where = e.instancePath || '/';
    return { note: `${at}: ${describe(e)} (at ${where}); ${skipped}` };
  }
  const json = value as { groups: Record<string, { remotes: Record<string, { services: string[] }> }> };
  const groups = new Map<string, LearnedGroup>();
  for (const [name, g] of Object.entries(json.groups)) {
    const group: LearnedGroup = groups.get(name.toLowerCase()) ?? { name, remotes: new Map() };
    groups.set(name.toLowerCase(), group);
    for (const [address, r] of Object.entries(g.remotes)) {
      const valueNode = nodeAt(root, ['groups', name, 'remotes', address]);
      const keyNode = valueNode ? keyOf(valueNode) : undefined;
      const parsedAddress = parseAddress(address);
      if (!parsedAddress) return { note: `${keyNode ? place(keyNode.offset) : file}: "${shortValue(address)}" in group ${shortValue(name)} is not an IPv4 or IPv6 address; ${skipped}` };
      const bad = r.services.find((s) => / (\d+)$/.test(s) && Number(/ (\d+)$/.exec(s)![1]) > 65535);
      if (bad) return { note: `${keyNode ? place(keyNode.offset) : file}: "${shortValue(bad)}" for ${address} in group ${shortValue(name)}: a port is 0-65535; ${skipped}` };
      const span = keyNode ?? valueNode;
      const key = addressKey(parsedAddress.version, parsedAddress.words);
      const known = group.remotes.get(key);
      const services = new Set([...(known?.services ?? []), ...r.services]);
      group.remotes.set(key, {
        text: addressText(parsedAddress.version, parsedAddress.words),
        services,
        location: known?.location ?? {
          file, role: 'rule', label: `${address} in the learned profile of ${name}`,
          range: span ? doc.rangeOf(span.offset, span.offset + span.length) : doc.rangeOf(0, 0),
        },
      });
    }
  }
  return { profile: { file, groups } };
}

function parseAddress(text: string): { version: 4 | 6; words: number[] } | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, words: [v4] };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 ? { version: 6, words: [...ipv6BytesToWords(v6)] } : undefined;
}

function keyAt(node: Node, e: ErrorObject): Node {
  const extra = (e.params as { additionalProperty?: string }).additionalProperty;
  const prop = node.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === extra) : undefined;
  return prop?.children?.[0] ?? node;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `missing property "${p.missingProperty}"`;
    case 'additionalProperties': return `unknown property "${p.additionalProperty}"`;
    case 'const': return `must be ${JSON.stringify(p.allowedValue)} (the learned profile format this version reads)`;
    case 'pattern': return 'a service is written "TCP <port>", "UDP <port>", "ICMP" or "other"';
    case 'type': return `must be ${p.type === 'object' ? 'an object' : p.type === 'array' ? 'an array' : `a ${p.type}`}`;
    default: return e.message ?? e.keyword;
  }
}
