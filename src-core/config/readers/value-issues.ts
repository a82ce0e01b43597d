// Why a value as written is not an integer constant expression, with the exact place of the offending token.
// The readers note it on every setting; the rules report it where the option must be a number (MA102).
import type { Range } from '../../language/types';
import type { ValueIssue } from '../model';
import type { RecursiveMacro, UnresolvedName } from './c-expression';
import type { Tok } from './c-lexer';

type RangeOf = (start: number, end: number) => Range;

/** Names the headers asc_config.h includes (tx_port.h, nx_port.h, nx_api.h) or the compiler itself may
 *  define: the readers cannot see them, so a value using one is not judged. */
const PLATFORM_NAME = /^(?:NX|NXD|TX|THREADX|NETXDUO|NX_CRYPTO|FX|UX|GX|LX)_|^__|^(?:UINT|ULONG|USHORT|UCHAR|INT|LONG|CHAR)$/;

/** The first identifier of a value that no macro defines (platform names excepted), or nothing. */
export function unknownIdentifiers(names: readonly UnresolvedName[], where: 'header' | 'dist', rangeOf: RangeOf): ValueIssue | undefined {
  const first = names.find((n) => n.start >= 0 && !PLATFORM_NAME.test(n.name));
  if (!first) return undefined;
  const others = [...new Set(names.filter((n) => n !== first && !PLATFORM_NAME.test(n.name)).map((n) => n.name))].filter((n) => n !== first.name);
  const more = others.length ? ` (nor ${others.map((n) => `\`${n}\``).join(', ')})` : '';
  const what = where === 'header'
    ? 'is not a macro this file or nx_user.h defines'
    : 'is neither a number nor an option the generated asc_config.h defines';
  return { message: `\`${first.name}\`${more} ${what}: the compiler sees an undeclared identifier`, range: rangeOf(first.start, first.end), unknownNames: [first.name, ...others] };
}

/** A value that names a macro expanding into itself: the chain, and what the compiler is left with. */
export function recursiveMacro(r: RecursiveMacro, rangeOf: RangeOf): ValueIssue {
  const chain = r.chain.map((n) => `\`${n}\``).join(' -> ');
  return {
    message: `\`${r.name}\` expands to itself (${chain}): the preprocessor stops there and leaves \`${r.name}\`, an identifier the compiler does not know`,
    range: rangeOf(r.start, r.end),
    recursive: r.chain,
  };
}

/** A token that cannot be part of an integer constant expression (`++`, `{`, `;`, `=`). */
export function notAnExpression(t: Tok, rangeOf: RangeOf): ValueIssue {
  return { message: `\`${t.text}\` cannot be part of an integer constant expression`, range: rangeOf(t.start, t.end) };
}

/** An evaluation error (syntax, a number with a unit, an unbalanced parenthesis) at its place. */
export function expressionError(error: string, start: number, end: number, rangeOf: RangeOf): ValueIssue {
  return { message: error, range: rangeOf(start, end) };
}

const EXPRESSION_PUNCT = new Set(['(', ')', '+', '-', '*', '/', '%', '<<', '>>', '<', '<=', '>', '>=', '==', '!=', '&', '^', '|', '&&', '||', '!', '~', '?', ':']);

/** Tokens an integer constant expression may hold (no strings): the reader cannot judge such a value when
 *  the names in it come from headers it does not see. */
export function isExpressionTokens(toks: readonly Tok[]): boolean {
  return toks.length > 0 && toks.every((t) => t.kind === 'num' || t.kind === 'id' || t.kind === 'chr' || (t.kind === 'punct' && EXPRESSION_PUNCT.has(t.text)));
}
