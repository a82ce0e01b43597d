// Writes the generated documentation (docs/rules.md, and the rule table inside README.md between its
// markers) from the catalogue. `--check` fails when they are stale instead of writing.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { renderRulesMarkdown, renderRulesTable } = require('../src-core/docs/rules-markdown.ts');

function withSection(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} ... ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : '';
const pages = [
  ['docs/rules.md', renderRulesMarkdown()],
  ['README.md', withSection(readme, 'rules', renderRulesTable())],
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
