// Fuzz target for the agent configuration: asc_config.h-style headers, CMake dist files and nx_user.h, through
// the reader (readConfig), the editor's check (reader plus rules, symbols, hover) and the simulator's loader.
import { readConfig } from '../../../../src-core/config/read-config';
import { loadAgentConfig } from '../../../../src-core/simulator/agent-config-loader';
import { SourceDocument } from '../../../../src-core/language/document';
import { ascConfigDistService, ascConfigHeaderService, nxUserHeaderService } from '../../../../src-core/config/services/config-services';
import { Problems, checkDiagnostics } from '../harness/outcome-checks';
import type { Target } from '../harness/target';
import { checkAsEditor, memoryContext } from './document-check';

/** The nx_user.h a header sees beside it (its macros are visible to the header's expressions). */
export const NX_USER_BESIDE = ['#ifndef NX_USER_H', '#define NX_USER_H', '#define NX_ENABLE_IP_PACKET_FILTER', '#define NX_APP_CACHE 8', '#endif', ''].join('\n');

export const configTarget: Target = (input) => {
  const p = new Problems();
  const path = `/fw/${input.name}`;
  const nxPath = '/fw/nx_user.h';
  const text = Buffer.from(input.bytes).toString('utf8');
  const doc = new SourceDocument(path, text);
  const isNxUser = input.name === 'nx_user.h';
  const nxUser = isNxUser ? undefined : readConfig(new SourceDocument(nxPath, NX_USER_BESIDE), { kind: 'nx_user' });
  const config = readConfig(doc, { nxUser });
  checkDiagnostics(p, doc, config.problems, 'read');
  const base = input.name;
  for (const d of config.problems) {
    // The closing note of a capped list counts the problems left out; it has no one place.
    if (/^\d+ more problems/.test(d.message)) continue;
    const where = `${base}:${d.range.start.line + 1}:${d.range.start.character + 1}: `;
    p.check(d.message.startsWith(where), () => `reader problem does not start with ${where}: ${d.message.slice(0, 200)}`);
  }
  for (const s of config.settings) {
    p.check(typeof s.value !== 'number' || Number.isFinite(s.value), () => `${s.name} evaluates to ${s.value}`);
  }
  // The checker the file's name picks (a dist file is recognised by its content, which mutations may remove).
  const service = isNxUser ? nxUserHeaderService : config.kind === 'dist' ? ascConfigDistService : ascConfigHeaderService;
  checkAsEditor(p, doc, memoryContext(isNxUser ? {} : { [nxPath]: NX_USER_BESIDE }), service);
  // `microagent simulate`'s reading of the same file.
  const loaded = loadAgentConfig(path, isNxUser ? undefined : nxPath, (q) => (q === path ? text : NX_USER_BESIDE));
  for (const [k, v] of Object.entries(loaded.config)) {
    p.check(typeof v !== 'number' || Number.isFinite(v), () => `simulate's configuration has ${k} = ${v}`);
  }
  return { problems: p.list, detail: { settings: config.settings.length, problems: config.problems.length } };
};
