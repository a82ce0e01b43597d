// What every config rule reads (the file's settings, nx_user.h, the resolved values) and how it reports.
import { ruleCode } from '../../catalogue/codes';
import type { Diagnostic, Fix, Range, RelatedLocation } from '../../language/types';
import type { EffectiveConfig, OptionSetting, OptionValue } from '../model';
import { nxDefined, ownSetting } from '../option-values';
import { resolveAgentConfig, type ResolvedAgentConfig } from '../resolve-agent-config';

export class RuleContext {
  readonly resolved: ResolvedAgentConfig;
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly config: EffectiveConfig, readonly nxUser?: EffectiveConfig) {
    this.resolved = resolveAgentConfig(config, nxUser);
  }

  get file(): string {
    return this.config.file;
  }

  get isDist(): boolean {
    return this.config.kind === 'dist';
  }

  /** The active setting of `name` in this file, if the file sets it. */
  own(name: string): OptionSetting | undefined {
    return ownSetting(this.config, name);
  }

  /** Value before the dependency rules (defaults, then the file). */
  written(name: string): OptionValue | undefined {
    return this.resolved.written.get(name);
  }

  nx(name: string): OptionSetting | undefined {
    return nxDefined(name, this.config, this.nxUser);
  }

  /** Where a finding about `name` goes: its value (or name) when the file sets it, else the file's first line. */
  anchor(name: string, part: 'name' | 'value' = 'name'): Range {
    const s = this.own(name);
    if (s) return part === 'value' && s.valueRange ? s.valueRange : s.nameRange;
    return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  }

  related(s: OptionSetting | undefined, message: string): RelatedLocation[] {
    return s ? [{ file: s.file, range: s.nameRange, message }] : [];
  }

  report(code: string, range: Range, message: string, extra: Partial<Omit<Diagnostic, 'code' | 'range' | 'message' | 'file'>> = {}): void {
    const severity = extra.severity ?? ruleCode(code)?.defaultSeverity ?? 'warning';
    this.diagnostics.push({ code, severity, message, range, file: this.file, ...extra });
  }

  /** A fix that replaces a setting's value, in the file's own syntax. */
  replaceValue(s: OptionSetting, text: string, title: string): Fix | undefined {
    if (!s.valueRange) return undefined;
    return { title, edits: [{ range: s.valueRange, newText: text }], preferred: true };
  }

  /** A fix that removes a whole statement with its line break. */
  deleteStatement(s: OptionSetting, title: string): Fix {
    const r = s.statementRange;
    const whole = r.start.character === 0;
    const range = whole ? { start: r.start, end: { line: r.end.line + 1, character: 0 } } : r;
    return { title, edits: [{ range, newText: '' }] };
  }
}

export type ConfigRule = (ctx: RuleContext) => void;
