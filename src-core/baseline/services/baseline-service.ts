// The DocumentService for baselines: *.baseline.json, and any JSON holding a deviceSecurityGroups resource
// (alone or in an ARM template).
import type { DocumentService } from '../../language/service';
import type { CompletionItem } from '../../language/types';
import { ruleTypeInfo } from '../rule-types';
import { parseJson } from '../json-document';
import { validateBaseline } from '../validate-baseline';
import { baselineShape } from '../baseline-model';
import { schemaFiles } from '../schemas/schema-files';
import { schemaCompletions, schemaHover } from './schema-assist';
import { resolveContentLimits } from '../../project-config/content-limits';
import { baselineHover } from './baseline-hover';
import { baselineSymbols } from './baseline-symbols';

/**
 * Rule types an RTOS device cannot feed (MA211 flags them once written) go last, and their detail says why:
 * the schema lists every type the cloud accepts, but only some of them ever see data from the micro agent.
 */
export function rankRuleTypes(items: CompletionItem[]): CompletionItem[] {
  return items.map((item) => {
    const info = item.kind === 'enum' ? ruleTypeInfo(item.label) : undefined;
    if (!info) return item;
    return info.rtosUnusable
      ? { ...item, sortText: `9${item.label}`, detail: `Listed last: an RTOS device cannot feed it (MA211): ${info.rtosUnusable}` }
      : { ...item, sortText: `0${item.label}` };
  });
}

const DSG_IN_TEXT = /"type"\s*:\s*"[^"]*deviceSecurityGroups"/i;

export function isBaselinePath(path: string): boolean {
  return /\.baseline\.jsonc?$/i.test(path);
}

export const baselineService: DocumentService = {
  id: 'baseline',
  title: 'Baseline (device security groups)',
  recognizes(path, text) {
    if (isBaselinePath(path)) return true;
    return /\.jsonc?$/i.test(path) && DSG_IN_TEXT.test(text);
  },
  validate(doc, ctx) {
    return validateBaseline(doc, { limits: resolveContentLimits(ctx.settings.limits) });
  },
  hover(doc, position, ctx) {
    const root = parseJson(doc, 'MA200', resolveContentLimits(ctx.settings.limits)).root;
    const shape = baselineShape(root);
    const schema = schemaFiles()[shape === 'project' || shape === 'unknown' ? 'baseline.schema.json' : 'device-security-group.schema.json'];
    return baselineHover(doc, position, root) ?? schemaHover(doc, position, root, schema);
  },
  complete(doc, position, ctx) {
    const root = parseJson(doc, 'MA200', resolveContentLimits(ctx.settings.limits)).root;
    const shape = baselineShape(root);
    const schema = schemaFiles()[shape === 'project' || shape === 'unknown' ? 'baseline.schema.json' : 'device-security-group.schema.json'];
    return rankRuleTypes(schemaCompletions(doc, position, root, schema));
  },
  symbols(doc, ctx) {
    return baselineSymbols(doc, parseJson(doc, 'MA200', resolveContentLimits(ctx.settings.limits)).root);
  },
};
