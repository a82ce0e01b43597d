// Document symbols of a baseline: security groups, and their rules with a one-line summary.
import type { Node } from 'jsonc-parser';
import type { SourceDocument } from '../../language/document';
import type { DocumentSymbol } from '../../language/types';
import { groupsOf, type RuleNode } from '../baseline-model';

function summary(r: RuleNode): string {
  const v = (n: string) => r.field(n)?.value;
  const off = v('isEnabled') === false ? ' (disabled)' : '';
  if (r.kind === 'allowlist' || r.kind === 'denylist') {
    const n = r.field(`${r.kind}Values`)?.children?.length ?? 0;
    return `${r.kind} of ${n} value${n === 1 ? '' : 's'}${off}`;
  }
  return `${v('minThreshold') ?? '?'}..${v('maxThreshold') ?? '?'}${r.kind === 'timeWindow' ? ` per ${v('timeWindowSize') ?? '?'}` : ''}${off}`;
}

export function baselineSymbols(doc: SourceDocument, root: Node | undefined): DocumentSymbol[] {
  const span = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
  return groupsOf(root).map((g) => {
    const whole = g.nameNode?.parent?.type === 'property' ? g.nameNode.parent : g.body.parent ?? g.body;
    return {
      name: g.name, kind: 'group' as const, detail: `${g.rules.length} rule${g.rules.length === 1 ? '' : 's'}`,
      range: span(whole), selectionRange: span(g.nameNode ?? g.body),
      children: g.rules.map((r) => ({
        name: r.ruleType ?? `${r.list}[${r.index}]`, kind: 'rule' as const, detail: summary(r),
        range: span(r.node), selectionRange: span(r.field('ruleType') ?? r.node),
      })),
    };
  });
}
