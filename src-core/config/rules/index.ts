// Runs every config rule over one agent configuration (and its nx_user.h) and returns the diagnostics in
// file order. The rules of one group live in one file of this folder.
import type { Diagnostic } from '../../language/types';
import type { EffectiveConfig } from '../model';
import { RuleContext, type ConfigRule } from './context';
import { intervalMultiples, intervalOrder, millisecondIntervals, pendingVersusRetry, protocolsAllOff } from './consistency';
import { dependencyOverrides } from './dependencies';
import { docDiscrepancies } from './discrepancies';
import { duplicateSettings } from './duplicates';
import { messageSize } from './message-size';
import { unknownOptions } from './names';
import { nxUserRequirements } from './nx-user';
import { unimplementedOptions } from './rtos-support';
import { valueTypes } from './values';

export { runNxUserRules } from './nx-user';

const rules: ConfigRule[] = [
  unknownOptions, valueTypes, dependencyOverrides, unimplementedOptions, protocolsAllOff, pendingVersusRetry,
  nxUserRequirements, duplicateSettings, messageSize, millisecondIntervals, intervalOrder, intervalMultiples, docDiscrepancies,
];

export function runConfigRules(config: EffectiveConfig, nxUser?: EffectiveConfig): Diagnostic[] {
  const steps = runConfigRulesSteps(config, nxUser);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** runConfigRules pausing between rules (the language server gives way to other requests there). */
export function* runConfigRulesSteps(config: EffectiveConfig, nxUser?: EffectiveConfig): Generator<void, Diagnostic[], void> {
  const ctx = new RuleContext(config, nxUser);
  for (const rule of rules) {
    yield;
    try {
      rule(ctx);
    } catch (e) {
      // A rule's bug must not hide the others' findings.
      ctx.report('MA100', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        `Internal error in config rule ${rule.name}: ${(e as Error).message}`, { severity: 'warning' });
    }
  }
  return ctx.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
