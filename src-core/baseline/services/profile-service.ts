// The DocumentService for simulation profiles: microagent.json and *.microagent.json.
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { DocumentService } from '../../language/service';
import type { DocumentSymbol } from '../../language/types';
import { child, parseJson } from '../json-document';
import { validateProfile } from '../validate-profile';
import { resolveProfilePath } from '../profile-model';
import { schemaFiles } from '../schemas/schema-files';
import { schemaCompletions, schemaHover } from './schema-assist';
import { resolveContentLimits } from '../../project-config/content-limits';

const PATH_KEYS = new Set(['agentConfig', 'nxUser', 'baseline', 'capture', 'path']);

export const profileService: DocumentService = {
  id: 'profile',
  title: 'Simulation profile',
  recognizes(path) {
    return /(^|[\\/])(microagent|[^\\/]+\.microagent)\.jsonc?$/i.test(path);
  },
  validate(doc, ctx) {
    return validateProfile(doc, ctx);
  },
  hover(doc, position, ctx) {
    const root = parseJson(doc, 'MA300', resolveContentLimits(ctx.settings.limits)).root;
    if (!root) return undefined;
    const node = findNodeAtOffset(root, doc.offsetAt(position));
    const key = node?.parent?.type === 'property' ? node.parent.children?.[0]?.value : node?.parent?.parent?.children?.[0]?.value;
    if (node?.type === 'string' && node.parent?.children?.[1] === node && PATH_KEYS.has(String(key)) || (node?.type === 'string' && key === 'feeds')) {
      const abs = resolveProfilePath(doc.path, String(node!.value));
      return { contents: `\`${abs}\`: ${ctx.files.exists(abs) ? 'found' : '**not found**'}`, range: doc.rangeOf(node!.offset, node!.offset + node!.length) };
    }
    return schemaHover(doc, position, root, schemaFiles()['profile.schema.json']);
  },
  complete(doc, position, ctx) {
    return schemaCompletions(doc, position, parseJson(doc, 'MA300', resolveContentLimits(ctx.settings.limits)).root, schemaFiles()['profile.schema.json']);
  },
  symbols(doc, ctx) {
    const root = parseJson(doc, 'MA300', resolveContentLimits(ctx.settings.limits)).root;
    const span = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
    const out: DocumentSymbol[] = [];
    for (const d of child(root, 'devices')?.children ?? []) {
      const id = child(d, 'id');
      const sg = child(d, 'securityGroup');
      out.push({ name: String(id?.value ?? 'device'), kind: 'device', detail: `group ${String(sg?.value ?? 'default')}`, range: span(d), selectionRange: span(id ?? d) });
    }
    for (const f of child(root, 'feeds')?.children ?? []) {
      const p = f.type === 'object' ? child(f, 'path') : f;
      out.push({ name: String(p?.value ?? 'feed'), kind: 'feed', range: span(f), selectionRange: span(p ?? f) });
    }
    return out;
  },
};
