// Valid agent configurations as fast-check arbitraries, made by the project's templates (asc_config.h as
// configure_file() writes it, the shipped dist files with overrides) and a small nx_user.h builder; plus the
// hostile C and CMake snippets mutations insert (deep #if nesting, long and exponential expressions,
// recursive macros, unclosed comments and strings, huge numbers).
import fc from 'fast-check';
import { agentConfigOptions, defaultFor, optionCatalogue, type OptionInfo } from '../../../../src-core/catalogue/options';
import { generateAscConfigHeader, generateDist, headerTemplateOptions, type TemplateValue } from '../../../../src-core/config/templates';
import type { Distribution } from '../../../../src-core/config/model';
import type { FuzzCase } from '../harness/mutations';

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const ASC = agentConfigOptions();
const NETX = optionCatalogue.filter((o) => o.home === 'nx_user');

/** A value for an option: in range, at or past its bounds, an expression, or a switch flipped. */
function valueFor(info: OptionInfo): fc.Arbitrary<TemplateValue> {
  if (info.type === 'bool') return fc.boolean();
  if (info.type === 'string') return fc.constantFrom('device-1', '', 'a b', 'x'.repeat(300));
  const min = info.range?.min ?? 0;
  const max = info.range?.max ?? 100000;
  return fc.oneof(
    fc.integer({ min, max }),
    fc.constantFrom(min, max, min - 1, max + 1, 0, -1, 4294967295, 4294967296),
    fc.constantFrom('60*5', '(1<<4)', '0x10', '010', '1000000000000000000', 'UNDEFINED_MACRO', '10s', '1/0', '-(-2147483647-1)'),
  );
}

const overrides = fc.array(fc.constantFrom(...ASC), { maxLength: 8 }).chain((infos) =>
  fc.tuple(...infos.map((i) => valueFor(i).map((v) => [i.name, v] as const))).map((pairs) => Object.fromEntries(pairs) as Record<string, TemplateValue>));

export const validHeaders: fc.Arbitrary<FuzzCase> = fc.tuple(fc.constantFrom('RTOS_BASE', 'L4_BASE') as fc.Arbitrary<'RTOS_BASE' | 'L4_BASE'>, overrides, fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>)
  .map(([distribution, changed, eol]) => {
    const values: Record<string, TemplateValue> = {};
    for (const info of ASC) values[info.name] = defaultFor(info, distribution);
    for (const name of headerTemplateOptions) if (!(name in values)) values[name] = undefined;
    Object.assign(values, changed);
    return { name: 'asc_config.h', bytes: text(generateAscConfigHeader({ distribution, values, eol })), how: `asc_config.h (${distribution}) with ${Object.keys(changed).length} changed values` };
  });

const DISTS: Distribution[] = ['core', 'RTOS_BASE', 'L4_BASE', 'RTOS_BASE_UT'];

export const validDists: fc.Arbitrary<FuzzCase> = fc.tuple(fc.constantFrom(...DISTS), overrides, fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>)
  .map(([dist, changed, eol]) => ({
    name: dist === 'core' ? 'base_dist.cmake' : `${dist}.dist`,
    bytes: text(generateDist(dist, changed, eol)),
    how: `${dist} dist with ${Object.keys(changed).length} changed values`,
  }));

export const validNxUsers: fc.Arbitrary<FuzzCase> = fc.tuple(fc.subarray(NETX), fc.subarray(NETX), fc.boolean()).map(([on, commented, guarded]) => {
  const lines = ['/* nx_user.h */', ...(guarded ? ['#ifndef NX_USER_H', '#define NX_USER_H'] : []),
    ...on.map((o) => (o.type === 'bool' ? `#define ${o.name}` : `#define ${o.name} ${o.range?.max ?? 4}`)),
    ...commented.map((o) => `/* #define ${o.name} */`), '#ifdef NX_SECURE_ENABLE', '#define NX_APP_X 1', '#endif', ...(guarded ? ['#endif /* NX_USER_H */'] : []), ''];
  return { name: 'nx_user.h', bytes: text(lines.join('\n')), how: `nx_user.h with ${on.length} defines` };
});

const opt = fc.constantFrom('ASC_HIGH_PRIORITY_INTERVAL', 'ASC_FIRST_COLLECTION_INTERVAL', 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE', 'NX_ENABLE_IP_PACKET_FILTER');

/** C preprocessor input that has broken preprocessors: nesting, unbalanced groups, long or exploding
 *  expressions, recursion, cut tokens. Sizes stay where today's readers answer in well under a second; the
 *  corpus holds the larger ones. */
export const headerSnippets = [
  fc.integer({ min: 1, max: 2000 }).map((n) => '#if 1\n'.repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => '#endif\n'.repeat(n)),
  fc.integer({ min: 1, max: 500 }).map((n) => `#if 1\n${'#elif 1\n'.repeat(n)}#else\n#else\n#endif\n`),
  fc.tuple(opt, fc.integer({ min: 1, max: 3000 })).map(([o, n]) => `#define ${o} ${'1+'.repeat(n)}1\n`),
  fc.tuple(opt, fc.integer({ min: 1, max: 1000 })).map(([o, n]) => `#define ${o} ${'('.repeat(n)}1${')'.repeat(n)}\n`),
  fc.tuple(opt, fc.integer({ min: 1, max: 1000 })).map(([o, n]) => `#if ${'!'.repeat(n)}${'-'.repeat(n)}~1\n#define ${o} 1\n#endif\n`),
  fc.tuple(opt, fc.integer({ min: 2, max: 12 })).map(([o, n]) => `#define M0 1\n${Array.from({ length: n }, (_, i) => `#define M${i + 1} (M${i}+M${i})\n`).join('')}#define ${o} M${n}\n`),
  opt.map((o) => `#define A B\n#define B A\n#define ${o} A\n#if A\n#endif\n`),
  opt.map((o) => `#define F(x) F(x)+x\n#define ${o} F(1)\n`),
  opt.map((o) => `#define ${o} 1000000000000000000\n`),
  opt.map((o) => `#define ${o} 18446744073709551616\n#if ${o} > 0\n#endif\n`),
  opt.map((o) => `#define ${o} 1/0\n#if 1/0\n#endif\n#if 1%0\n#endif\n`),
  opt.map((o) => `#define ${o} (-9223372036854775807-1)/-1\n#if (-9223372036854775807-1)/-1\n#endif\n`),
  opt.map((o) => `#undef ${o}\n/* #undef ${o} */\n#cmakedefine ${o} @${o}@\n`),
  fc.constantFrom('/* unclosed comment', '"unclosed string', "'", '\\\n', '\\', '#if defined(\n', '#if defined\n', '#elif\n', '#else junk\n', '#endif junk\n', '#include <x\n',
    '#define\n', '#define 1X 2\n', '#define X(\n', '#define X(a,a) a\n', '#if 0x\n#endif\n', '#if 1 ? 2\n#endif\n', '#if (1\n#endif\n', '#if 1)\n#endif\n', '??=define X 1\n',
    '#line 0\n', '#error stop\n', '# 1 "file.h"\n', '#if __has_include(<x.h>)\n#endif\n', '#ifdef\n#endif\n', '#define X "a\\"\n', '#define X L"wide" u8"x"\n', "#define X '\\377'\n"),
];

export const distSnippets = [
  fc.integer({ min: 1, max: 2000 }).map((n) => 'if(ON)\n'.repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => 'endif()\n'.repeat(n)),
  fc.integer({ min: 1, max: 500 }).map((n) => `if(ON)\n${'elseif(ON)\n'.repeat(n)}else()\nelse()\nendif()\n`),
  fc.integer({ min: 1, max: 16 }).map((n) => `set(ASC_X a)\n${'set(ASC_X "${ASC_X}${ASC_X}")\n'.repeat(n)}`),
  fc.integer({ min: 1, max: 1000 }).map((n) => `if(${'NOT '.repeat(n)}ON)\nendif()\n`),
  fc.integer({ min: 1, max: 1000 }).map((n) => `if(${'('.repeat(n)}ON${')'.repeat(n)})\nendif()\n`),
  opt.map((o) => `set(${o} \${${o}})\nset(${o} 1000000000000000000)\nset(${o} 18446744073709551616)\n`),
  fc.constantFrom('set(\n', 'set(ASC_X "unclosed\n', 'set(ASC_X [[long bracket\n', 'set(ASC_X [==[x]=]\n', 'CONF_DEFINE_BASE(\n', 'CONF_DEFINE_BASE(${g_core_config_path} nowhere.cmake)\n',
    '#[[ unclosed bracket comment\n', 'if()\n', 'if(AND OR)\n', 'if(DEFINED)\n', 'if(ON STREQUAL)\n', 'else()\n', 'endif()\n', 'set(ASC_X ${)\n', 'set(ASC_X ${${${A}}})\n', 'set(ASC_X $ENV{HOME})\n',
    'set(ASC_X \\\n', 'function(f)\nf()\nendfunction()\nf()\n', 'macro(m)\nm()\nendmacro()\nm()\n', 'include(x.cmake)\n', 'set(ASC_X ";;;;")\n'),
];
