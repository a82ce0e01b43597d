// The positioned tree the simulator's JSON readers walk (the baseline's security groups, the hub settings, the
// profile's devices), read under the checker's content limits. A file past one is refused, each place named in
// the checker's MA005 words; strict JSON (comments and trailing commas blanked, offsets kept) gets a lazy tree
// that keeps none of the nodes it lists, so one walk over a 20,000-rule baseline holds what the reader keeps and
// not a node for every value (jsonc-parser's full tree costs about 40 times the file's size).
import { getNodeValue, type Node } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import { LIMIT_CODE, defaultContentLimits } from '../project-config/content-limits';
import { boundedParseTree } from '../util/bounded-json-tree';
import { blankJsonc, cutText, pruneJson, scanJsonText, type JsonLimits } from './json-limits';
import { lazyTree } from './lazy-json-tree';

export interface LimitedJsonTree {
  /** Undefined for blank text, and for text past a limit (nothing of it is read). */
  root: Node | undefined;
  /** Each limit the text passes, as `file:line:col: MA005 message` (the first 100, as scanJsonText lists them). */
  refusals: string[];
  /** The text has syntax errors: it was read the tolerant way, as far as its syntax allows (`microagent check`
   *  lists them). */
  syntaxErrors: boolean;
}

export function readLimitedJsonTree(doc: SourceDocument, limits: JsonLimits = defaultContentLimits, what = 'file'): LimitedJsonTree {
  const strictText = blankJsonc(doc.text);
  const cuts = scanJsonText(strictText, limits);
  if (cuts.length) {
    const refusals = cuts.map((c) => {
      const p = doc.positionAt(c.offset ?? 0);
      return `${doc.path}:${p.line + 1}:${p.character + 1}: ${LIMIT_CODE} ${cutText(c, limits)}: the ${what} is not read`;
    });
    return { root: undefined, refusals, syntaxErrors: false };
  }
  try {
    // Only to know the text is strict JSON, which the lazy tree needs; the value is dropped at once.
    JSON.parse(strictText);
  } catch {
    // Within every limit (so no deeper than jsonDepth, no more than jsonNodes values): the full tree is bounded.
    return { root: boundedParseTree(doc.text), refusals: [], syntaxErrors: doc.text.trim() !== '' };
  }
  return { root: lazyTree(strictText, Infinity, false), refusals: [], syntaxErrors: false };
}

/**
 * The plain value of a JSON(C) text as the checker reads it: cut where the text passes a content limit (an object
 * keeps its first keys, what lies too deep is emptied, past the value budget the rest is left out), so a
 * 1,000,000-key profile costs what 10,000 keys do. Text with syntax errors: what jsonc-parser's tolerant parse
 * reads of it. Never throws.
 */
export function readLimitedJsonValue(text: string, limits: JsonLimits = defaultContentLimits): unknown {
  const strictText = blankJsonc(text);
  const cuts = scanJsonText(strictText, limits);
  try {
    return JSON.parse(cuts.length ? pruneJson(strictText, cuts) : strictText);
  } catch {
    const root = boundedParseTree(cuts.length ? pruneJson(text, cuts) : text);
    return root ? getNodeValue(root) : undefined;
  }
}
