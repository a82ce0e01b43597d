// The tree of a JSON feed (STIX bundle, MISP event) within the nesting limit every JSON reader keeps (a file of
// ten thousand `[` must not end the stack): what lies deeper is reported and not read, and syntax errors
// become MA300 issues.
import type { Node, ParseError } from 'jsonc-parser';
import type { JsonCut } from '../baseline/json-limits';
import { boundedParseTree, TREE_DEPTH } from '../util/bounded-json-tree';
import type { FeedIssue } from './feed-types';

/** Most syntax errors and depth notes listed per feed. */
const MAX_LISTED = 20;

/** Parses `text` into a tree; `what` names the feed kind in messages ("STIX bundle"). Issues are appended. */
export function parseFeedJson(text: string, what: string, issues?: FeedIssue[]): Node | undefined {
  const deep: JsonCut[] = [];
  const errors: ParseError[] = [];
  const root = boundedParseTree(text, errors, { allowTrailingComma: true }, deep);
  for (const c of deep.slice(0, MAX_LISTED)) {
    issues?.push({ code: 'MA314', severity: 'error', start: c.offset!, end: c.offset! + 1,
      message: `The ${what} is nested deeper than ${TREE_DEPTH} levels here: what lies deeper is not read.` });
  }
  for (const e of errors.slice(0, MAX_LISTED)) {
    issues?.push({ code: 'MA300', severity: 'error', start: e.offset, end: e.offset + e.length, message: `JSON syntax error (${e.error}) in the ${what}.` });
  }
  return root;
}
