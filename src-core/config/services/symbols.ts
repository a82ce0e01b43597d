// Document symbols of a config file: one per setting, the value as detail.
import { formatValue, optionInfo } from '../../catalogue/options';
import type { DocumentSymbol } from '../../language/types';
import type { EffectiveConfig, OptionSetting } from '../model';

function detail(s: OptionSetting): string {
  let text: string;
  if (s.via === 'undef' || s.via === 'cmake-undef') text = 'OFF (#undef)';
  else if (s.rawValue !== undefined) text = s.rawValue;
  else text = formatValue(optionInfo(s.name), s.value);
  return s.active ? text : `${text} (inactive branch)`;
}

export function configSymbols(config: EffectiveConfig): DocumentSymbol[] {
  return config.settings
    .filter((s) => s.file === config.file && s.via !== 'base')
    .map((s) => ({ name: s.name, detail: detail(s), kind: 'option' as const, range: s.statementRange, selectionRange: s.nameRange }));
}
