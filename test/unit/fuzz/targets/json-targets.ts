// Fuzz targets for baselines and simulation profiles: the editor's check (syntax, schema, meaning), and what
// `microagent simulate` reads from them (security groups, the profile and its hub settings).
import { loadSecurityGroups } from '../../../../src-core/cloud/security-groups';
import { hubFromProfile } from '../../../../src-core/cloud/hub-settings';
import { loadProfile } from '../../../../src-core/agent/profile-loader';
import { SourceDocument } from '../../../../src-core/language/document';
import { Problems, checkLinear } from '../harness/outcome-checks';
import type { Target } from '../harness/target';
import { checkAsEditor, memoryContext } from './document-check';

/** The baseline a fuzzed profile names (`baselines/b.baseline.json`), so its group checks have groups to compare. */
export const PROFILE_BASELINE = JSON.stringify({ securityGroups: { 'door-locks': { timeWindowRules: [], allowlistRules: [], denylistRules: [] } } });

export const baselineTarget: Target = (input) => {
  const p = new Problems();
  const path = `/ws/${input.name}`;
  const text = Buffer.from(input.bytes).toString('utf8');
  checkAsEditor(p, new SourceDocument(path, text), memoryContext());
  const groups = loadSecurityGroups(path, text);
  let rules = 0;
  for (const g of groups.groups.values()) {
    rules += g.countRules.length + g.listRules.length;
    for (const r of g.countRules) {
      p.check(Number.isFinite(r.min) && Number.isFinite(r.max), () => `rule ${r.ruleType} of ${g.name}: range ${r.min}..${r.max}`);
      p.check(r.windowSeconds === undefined || (Number.isFinite(r.windowSeconds) && r.windowSeconds > 0), () => `rule ${r.ruleType} of ${g.name}: window ${r.windowSeconds} s`);
    }
  }
  checkLinear(p, 'rules the cloud evaluates', rules, input.bytes.length, 1 / 8, 1);
  checkLinear(p, 'notes', groups.notes.length, input.bytes.length, 1, 1);
  return { problems: p.list, detail: { groups: groups.groups.size, rules } };
};

export const profileTarget: Target = (input, scratch) => {
  const p = new Problems();
  const text = Buffer.from(input.bytes).toString('utf8');
  const baselinePath = scratch.write('b.baseline.json', Buffer.from(PROFILE_BASELINE));
  const dir = scratch.dir;
  const path = scratch.write(input.name, input.bytes);
  // The profile's own references point into the scratch folder: `baselines/...` resolves there or nowhere.
  checkAsEditor(p, new SourceDocument(path, text), memoryContext({ [`${dir}/baselines/b.baseline.json`]: PROFILE_BASELINE, [baselinePath]: PROFILE_BASELINE }));
  const loaded = loadProfile(path);
  for (const e of [...loaded.errors, ...loaded.warnings]) p.check(e.startsWith(path), () => `simulate's profile message does not name the file: ${e.slice(0, 200)}`);
  checkLinear(p, 'profile errors', loaded.errors.length + loaded.warnings.length, input.bytes.length, 1, 4);
  hubFromProfile(path, text);
  return { problems: p.list, detail: { errors: loaded.errors.length, devices: loaded.profile?.devices.length ?? 0 } };
};
