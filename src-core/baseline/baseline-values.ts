// Finds the security groups and rules of a baseline in its plain value (no positions), with the JSON path of
// each, so the meaning checks run without a positioned tree. Mirrors baseline-model.ts, which does the same on
// the tree for hover and symbols; a unit test holds the two to the same answer.
import type { BaselineShape } from './baseline-model';
import { DSG_TYPE } from './baseline-model';
import type { JsonPath } from './json-value';
import { kindOfList, type RuleKind } from './rule-types';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Own properties only: `constructor` or `toString` must not come from the prototype of a parsed object. */
export function has(o: unknown, key: string): boolean {
  return isObject(o) && hasOwn.call(o, key);
}

export function own(o: unknown, key: string): unknown {
  return has(o, key) ? (o as JsonObject)[key] : undefined;
}

export interface RuleValue {
  kind: RuleKind;
  list: string;
  index: number;
  path: JsonPath;
  value: JsonObject;
  ruleType?: string;
}

export interface GroupValue {
  name: string;
  nameIsExpression: boolean;
  rules: RuleValue[];
}

export function shapeOfValue(root: unknown): BaselineShape {
  if (!isObject(root)) return 'unknown';
  if (has(root, 'securityGroups')) return 'project';
  if (has(root, 'resources')) return 'arm-template';
  const t = own(root, 'type');
  if (typeof t === 'string' && DSG_TYPE.test(t)) return 'arm-resource';
  return 'unknown';
}

function rulesOf(body: JsonObject, bodyPath: JsonPath): RuleValue[] {
  const rules: RuleValue[] = [];
  for (const list of Object.keys(kindOfList)) {
    const arr = own(body, list);
    if (!Array.isArray(arr)) continue;
    arr.forEach((value: unknown, index) => {
      if (!isObject(value)) return;
      const rt = own(value, 'ruleType');
      rules.push({ kind: kindOfList[list], list, index, path: [...bodyPath, list, index], value,
        ruleType: typeof rt === 'string' ? rt : undefined });
    });
  }
  return rules;
}

function armGroup(resource: JsonObject, path: JsonPath): GroupValue | undefined {
  const type = own(resource, 'type');
  if (typeof type !== 'string' || !DSG_TYPE.test(type)) return undefined;
  const body = own(resource, 'properties');
  if (!isObject(body)) return undefined;
  const nameValue = own(resource, 'name');
  const raw = typeof nameValue === 'string' ? nameValue : 'default';
  const isExpr = raw.startsWith('[') && !raw.startsWith('[[');
  return { name: isExpr ? raw : raw.slice(raw.lastIndexOf('/') + 1), nameIsExpression: isExpr, rules: rulesOf(body, [...path, 'properties']) };
}

function walkResources(arr: unknown, path: JsonPath, out: GroupValue[], depth: number): void {
  if (!Array.isArray(arr) || depth > 8) return;
  arr.forEach((r: unknown, i) => {
    if (!isObject(r)) return;
    const g = armGroup(r, [...path, i]);
    if (g) out.push(g);
    walkResources(own(r, 'resources'), [...path, i, 'resources'], out, depth + 1);
  });
}

export function groupValuesOf(root: unknown): GroupValue[] {
  const shape = shapeOfValue(root);
  if (!isObject(root)) return [];
  if (shape === 'project') {
    const sg = own(root, 'securityGroups');
    if (!isObject(sg)) return [];
    return Object.keys(sg).flatMap((name) => {
      const body = sg[name];
      return isObject(body) ? [{ name, nameIsExpression: false, rules: rulesOf(body, ['securityGroups', name]) }] : [];
    });
  }
  if (shape === 'arm-resource') {
    const g = armGroup(root, []);
    return g ? [g] : [];
  }
  const out: GroupValue[] = [];
  if (shape === 'arm-template') walkResources(own(root, 'resources'), ['resources'], out, 0);
  return out;
}
