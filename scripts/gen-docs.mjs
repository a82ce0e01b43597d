// Writes the generated documentation (docs/rules.md, the rule table inside README.md between its markers,
// and the option and MA1xx tables inside docs/configuration.md) from the catalogue. `--check` fails when they
// are stale instead of writing.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { renderRulesMarkdown, renderRulesTable } = require('../src-core/docs/rules-markdown.ts');
const { renderOptionsTable, renderConfigCodes } = require('../src-core/catalogue/options-doc.ts');

function withSection(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} ... ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

/** docs/configuration.md's generated blocks: everything between `<!-- generated:NAME -->` and its end marker. */
function withGenerated(text, name, body) {
  const start = `<!-- generated:${name} -->\n`;
  const end = `<!-- /generated:${name} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/configuration.md lacks the ${start.trim()} ... ${end} markers`);
  return `${text.slice(0, a + start.length)}${body}${text.slice(b)}`;
}

const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : '';
const configuration = readFileSync('docs/configuration.md', 'utf8');
const pages = [
  ['docs/rules.md', renderRulesMarkdown()],
  ['README.md', withSection(readme, 'rules', renderRulesTable())],
  ['docs/configuration.md', withGenerated(withGenerated(configuration, 'options', renderOptionsTable()), 'codes', renderConfigCodes())],
];
let stale = 0;
for (const [path, text] of pages) {
  if (process.argv.includes('--check')) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`${path} is out of date: run npm run docs`);
      stale++;
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale ? 1 : 0);
