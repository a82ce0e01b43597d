// jsonc-parser's tree within a nesting limit, for every reader that builds one from a file: the parser recurses
// once per level, so a file of ten thousand `[` would end the process's stack (the CLI's and the language
// server's main thread). Containers nested past the limit are flattened first, offsets kept.
import { parseTree, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';
import { flattenTooDeep, scanJsonText, type JsonCut } from '../baseline/json-limits';
import { defaultContentLimits } from '../project-config/content-limits';

/** Levels of nesting read by default (real baselines, profiles and feeds use fewer than fifteen). */
export const TREE_DEPTH = defaultContentLimits.jsonDepth;

/**
 * The tree of `text` as parseTree gives it, with what lies deeper than `depth` levels replaced by `0`; `deep`,
 * when given, receives where (each too-deep container's offset and end).
 */
export function boundedParseTree(text: string, errors: ParseError[] = [], options: ParseOptions = { allowTrailingComma: true }, deep?: JsonCut[], depth = TREE_DEPTH): Node | undefined {
  const cuts = scanJsonText(text, { jsonKeys: Infinity, jsonNodes: Infinity, jsonDepth: depth }).filter((c) => c.kind === 'depth');
  if (deep) for (const c of cuts) deep.push(c);
  return parseTree(cuts.length ? flattenTooDeep(text, cuts) : text, errors, options);
}
