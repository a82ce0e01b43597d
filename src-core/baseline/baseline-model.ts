// Finds the security groups and their rules in a parsed baseline: the project's file ({ securityGroups }),
// a bare deviceSecurityGroups resource, or an ARM template whose resources (nested too) hold them.
import type { Node } from 'jsonc-parser';
import { child } from './json-document';
import { kindOfList, type RuleKind } from './rule-types';

export const DSG_TYPE = /(^|\/)deviceSecurityGroups$/i;

export interface RuleNode {
  kind: RuleKind;
  list: string;
  index: number;
  node: Node;
  ruleType?: string;
  field(name: string): Node | undefined;
}

export interface GroupNode {
  /** The group name; for an ARM expression name (`[parameters('x')]`), the expression text. */
  name: string;
  nameIsExpression: boolean;
  /** The node naming the group: the key in the project file, the `name` value in ARM. */
  nameNode?: Node;
  /** The object holding the rule lists (the group value, or the resource's `properties`). */
  body: Node;
  rules: RuleNode[];
}

export type BaselineShape = 'project' | 'arm-resource' | 'arm-template' | 'unknown';

export function baselineShape(root: Node | undefined): BaselineShape {
  if (!root || root.type !== 'object') return 'unknown';
  if (child(root, 'securityGroups')) return 'project';
  if (child(root, 'resources')) return 'arm-template';
  const t = child(root, 'type');
  if (t && typeof t.value === 'string' && DSG_TYPE.test(t.value)) return 'arm-resource';
  return 'unknown';
}

function rulesOf(body: Node): RuleNode[] {
  const rules: RuleNode[] = [];
  for (const list of Object.keys(kindOfList)) {
    const arr = child(body, list);
    if (!arr || arr.type !== 'array') continue;
    (arr.children ?? []).forEach((node, index) => {
      if (node.type !== 'object') return;
      const rt = child(node, 'ruleType');
      rules.push({ kind: kindOfList[list], list, index, node, ruleType: typeof rt?.value === 'string' ? rt.value : undefined,
        field: (name) => child(node, name) });
    });
  }
  return rules;
}

function armGroup(resource: Node): GroupNode | undefined {
  const type = child(resource, 'type');
  if (!type || typeof type.value !== 'string' || !DSG_TYPE.test(type.value)) return undefined;
  const body = child(resource, 'properties');
  if (!body || body.type !== 'object') return undefined;
  const nameNode = child(resource, 'name');
  const raw = typeof nameNode?.value === 'string' ? nameNode.value : 'default';
  const isExpr = raw.startsWith('[') && !raw.startsWith('[[');
  return { name: isExpr ? raw : raw.slice(raw.lastIndexOf('/') + 1), nameIsExpression: isExpr, nameNode, body, rules: rulesOf(body) };
}

function walkResources(arr: Node | undefined, out: GroupNode[], depth: number): void {
  if (!arr || arr.type !== 'array' || depth > 8) return;
  for (const r of arr.children ?? []) {
    if (r.type !== 'object') continue;
    const g = armGroup(r);
    if (g) out.push(g);
    walkResources(child(r, 'resources'), out, depth + 1);
  }
}

export function groupsOf(root: Node | undefined): GroupNode[] {
  const shape = baselineShape(root);
  if (!root) return [];
  if (shape === 'project') {
    const sg = child(root, 'securityGroups');
    if (!sg || sg.type !== 'object') return [];
    return (sg.children ?? []).flatMap((p) => {
      const [k, v] = p.children ?? [];
      if (!k || !v || v.type !== 'object') return [];
      return [{ name: String(k.value), nameIsExpression: false, nameNode: k, body: v, rules: rulesOf(v) }];
    });
  }
  if (shape === 'arm-resource') {
    const g = armGroup(root);
    return g ? [g] : [];
  }
  const out: GroupNode[] = [];
  if (shape === 'arm-template') walkResources(child(root, 'resources'), out, 0);
  return out;
}
