// A dense place made readable (issue 8, item 11): the header reader is no longer one long function, and the
// #elif / #else / #endif handling (which branch is taken, when a condition is evaluated, the structure errors)
// is written once, in branches.ts, for the header reader and the dist reader alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { read } from './fixtures';

const readers = join(__dirname, '..', '..', '..', 'src-core', 'config', 'readers');

function functionLengths(file: string): Array<{ name: string; lines: number }> {
  const text = readFileSync(join(readers, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Array<{ name: string; lines: number }> = [];
  const visit = (n: ts.Node) => {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n)) && n.body) {
      const lines = sf.getLineAndCharacterOfPosition(n.end).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      out.push({ name: (n as ts.FunctionDeclaration).name?.getText() ?? `<function at line ${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}>`, lines });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test('no function of the header reader is longer than 50 lines', () => {
  const long = functionLengths('header-reader.ts').filter((f) => f.lines > 50);
  assert.deepEqual(long, []);
});

test('the conditional handling and its errors are written once, in branches.ts', () => {
  for (const file of ['header-reader.ts', 'dist-reader.ts']) {
    const text = readFileSync(join(readers, file), 'utf8');
    assert.doesNotMatch(text, /without a matching|after .*else|has no matching|second .*else/, `${file} words no structure error itself`);
    assert.doesNotMatch(text, /branches\.(else|endif|elif|open|unclosed)\(/, `${file} calls the one entry point, BranchStack.step`);
    assert.match(text, /branches\.step\(/);
  }
  const header = read('/p/asc_config.h', '#if 1\n#else\n#else\n#endif\n#elifdef X\n#endif\n#ifdef A\n');
  const dist = read('/p/RTOS_BASE.dist', 'if(A)\nelse()\nelse()\nendif()\nelseif(B)\nendif()\nif(A)\n');
  const words = (cfg: ReturnType<typeof read>) => cfg.problems.map((p) => p.message.replace(/^[^:]+:\d+:\d+: /, ''));
  assert.deepEqual(words(header), ['a second #else for the same #if', '#elifdef without a matching #if', '#endif without a matching #if', '#ifdef at line 7 has no matching #endif']);
  assert.deepEqual(words(dist), ['a second else() for the same if()', 'elseif() without a matching if()', 'endif() without a matching if()', 'if() at line 7 has no matching endif()']);
});
