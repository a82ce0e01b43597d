// Completion in config files: option names after `#define ` / inside `set(`, and values after the name
// (ON/OFF for switches in dist files, the distribution's default for numbers and strings).
import { defaultFor, formatValue, optionCatalogue, optionInfo, type OptionHome, type OptionInfo } from '../../catalogue/options';
import type { SourceDocument } from '../../language/document';
import type { CompletionItem, Position, Range } from '../../language/types';
import type { ConfigFileKind, Distribution } from '../model';

function doc(info: OptionInfo, dist: Distribution): string {
  const support = info.missingSources ? '\n\n_Not implemented by the RTOS port: turning it on breaks the build (NetX Duo\'s copy lacks its source files)._'
    : info.implemented ? '' : '\n\n_Not implemented by the RTOS port._';
  return `${info.meaning}\n\nDefault (${dist}): ${formatValue(info, defaultFor(info, dist))}${support}`;
}

function headerLiteral(info: OptionInfo, v: unknown): string | undefined {
  if (v === undefined || typeof v === 'boolean') return undefined;
  return info.type === 'string' ? JSON.stringify(v) : String(v);
}

function distLiteral(info: OptionInfo, v: unknown): string {
  if (info.type === 'bool') return v ? 'ON' : 'OFF';
  if (v === undefined || v === false) return info.type === 'string' ? '""' : '0';
  return info.type === 'string' ? JSON.stringify(v) : String(v);
}

const escapeSnippet = (s: string) => s.replace(/[$}\\]/g, (c) => `\\${c}`);

function nameItems(kind: ConfigFileKind, dist: Distribution, range: Range, define: boolean): CompletionItem[] {
  const homes: OptionHome[] = kind === 'nx_user' ? ['nx_user'] : ['asc'];
  return optionCatalogue.filter((o) => homes.includes(o.home)).map((o) => {
    const dflt = defaultFor(o, dist) ?? o.coreWhenEnabled;
    let insertText = o.name;
    let snippet = false;
    if (kind === 'dist') {
      insertText = o.type === 'bool' ? `${o.name} \${1|ON,OFF|}` : `${o.name} \${1:${escapeSnippet(distLiteral(o, dflt))}}`;
      snippet = true;
    } else if (define && o.type !== 'bool') {
      const lit = headerLiteral(o, dflt);
      insertText = lit === undefined ? o.name : `${o.name} \${1:${escapeSnippet(lit)}}`;
      snippet = lit !== undefined;
    }
    return {
      label: o.name, kind: 'option' as const, detail: `${o.type}${o.unit ? `, ${o.unit}` : ''}${o.missingSources ? ' (ON breaks the build on NetX Duo)' : o.implemented ? '' : ' (not implemented on RTOS)'}`,
      documentation: doc(o, dist), insertText, snippet, range,
      sortText: `${o.advanced || !o.implemented ? '1' : '0'}${o.name}`,
    };
  });
}

function valueItems(info: OptionInfo, kind: ConfigFileKind, dist: Distribution, range: Range): CompletionItem[] {
  const dflt = defaultFor(info, dist) ?? info.coreWhenEnabled;
  if (kind === 'dist') {
    if (info.type === 'bool') {
      return ['ON', 'OFF'].map((v) => ({ label: v, kind: 'value' as const, range,
        detail: (dflt ? 'ON' : 'OFF') === v ? `default in ${dist}` : undefined, sortText: (dflt ? 'ON' : 'OFF') === v ? '0' : '1' }));
    }
    return dflt === undefined || dflt === false ? [] : [{ label: distLiteral(info, dflt), kind: 'value', range, detail: `default in ${dist}` }];
  }
  if (info.type === 'bool') return [];
  const lit = headerLiteral(info, dflt);
  return lit === undefined ? [] : [{ label: lit, kind: 'value', range, detail: `default in ${dist}` }];
}

export function configCompletion(document: SourceDocument, position: Position, kind: ConfigFileKind, dist: Distribution): CompletionItem[] {
  const prefix = document.lineText(position.line).slice(0, position.character);
  const at = (start: number): Range => ({ start: { line: position.line, character: start }, end: position });
  if (kind === 'dist') {
    const name = /^\s*set\s*\(\s*([A-Za-z0-9_]*)$/i.exec(prefix);
    if (name) return nameItems(kind, dist, at(prefix.length - name[1].length), false);
    const value = /^\s*set\s*\(\s*([A-Za-z0-9_]+)\s+("?[A-Za-z0-9_*]*)$/i.exec(prefix);
    const info = value && optionInfo(value[1]);
    return info ? valueItems(info, kind, dist, at(prefix.length - value![2].length)) : [];
  }
  const name = /^\s*#\s*(define|undef|ifdef|ifndef)\s+([A-Za-z0-9_]*)$/.exec(prefix);
  if (name) return nameItems(kind, dist, at(prefix.length - name[2].length), name[1] === 'define');
  const value = /^\s*#\s*define\s+([A-Za-z0-9_]+)\s+("?[A-Za-z0-9_*]*)$/.exec(prefix);
  const info = value && optionInfo(value[1]);
  return info ? valueItems(info, kind, dist, at(prefix.length - value![2].length)) : [];
}
