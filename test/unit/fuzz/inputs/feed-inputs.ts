// Valid threat feeds as fast-check arbitraries, one per format (plain list or netset, CSV, MISP event, STIX
// bundle), and the hostile snippets mutations insert into them.
import fc from 'fast-check';
import type { FuzzCase } from '../harness/mutations';
import { IP_COLUMNS, DOMAIN_COLUMNS } from '../../../../src-core/intel/csv-reader';

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.'));
const cidr4 = fc.tuple(v4, fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined })).map(([a, p]) => (p === undefined ? a : `${a}/${p}`));
const v6 = fc.constantFrom('2001:db8::1', '2606:4700:4700::1111', 'fd00::1', '::ffff:1.2.3.4', '2a00:1450::/32', 'fe80::/10', '::/0', '2001:db8:0:0:0:0:0:1/128');
const domain = fc.tuple(fc.constantFrom('evil', 'c2', 'x-y', 'a1', 'xn--bcher-kva'), fc.constantFrom('example.com', 'example.org', 'test', 'co.uk')).map(([a, b]) => `${a}.${b}`);
const indicator = fc.oneof({ weight: 4, arbitrary: cidr4 }, { weight: 1, arbitrary: v6 }, { weight: 2, arbitrary: domain });
const label = fc.constantFrom('', 'Mirai C2', 'botnet; seen 2024-01-02', 'ünïcödé', 'a "quoted" label');

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

export const validLists: fc.Arbitrary<FuzzCase> = fc.tuple(fc.array(fc.tuple(indicator, label, fc.constantFrom('#', ';', '')), { minLength: 1, maxLength: 60 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom('blocklist.netset', 'feed.ipset', 'feed.txt'))
  .map(([rows, eol, name]) => {
    const lines = ['# FireHOL-style header', ';', ...rows.map(([v, l, c]) => (c && l ? `${v} ${c} ${l}` : v))];
    return { name, bytes: text(lines.join(eol) + eol), how: `list of ${rows.length} lines` };
  });

export const validCsvs: fc.Arbitrary<FuzzCase> = fc.tuple(
  fc.constantFrom(...IP_COLUMNS), fc.option(fc.constantFrom(...DOMAIN_COLUMNS), { nil: undefined }), fc.constantFrom(',', ';', '\t'),
  fc.array(fc.tuple(cidr4, domain, label, fc.boolean()), { minLength: 1, maxLength: 40 }),
).map(([ipCol, domainCol, sep, rows]) => {
  const q = (s: string, quote: boolean) => (quote ? `"${s.replace(/"/g, '""')}"` : s.replace(new RegExp(sep === '\t' ? '\t' : sep, 'g'), ' '));
  const header = ['first_seen', ipCol, ...(domainCol ? [domainCol] : []), 'malware'].join(sep);
  const lines = ['# abuse.ch-style comment', header, ...rows.map(([ip, d, l, quote]) => ['2024-01-01 00:00:00', q(ip, quote), ...(domainCol ? [q(d, quote)] : []), q(l, true)].join(sep)), '# END'];
  return { name: 'feed.csv', bytes: text(lines.join('\n') + '\n'), how: `CSV of ${rows.length} rows, ${ipCol}${domainCol ? ` and ${domainCol}` : ''} by ${JSON.stringify(sep)}` };
});

const MISP_TYPES = ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain', 'hostname', 'domain|ip', 'hostname|port', 'md5', 'url'];

const mispAttribute = fc.tuple(fc.constantFrom(...MISP_TYPES), cidr4, domain, fc.integer({ min: 1, max: 65535 }), fc.boolean(), label).map(([type, ip, d, port, toIds, comment]) => {
  const value = type.startsWith('ip') ? (type.endsWith('|port') ? `${ip}|${port}` : ip)
    : type === 'domain|ip' ? `${d}|${ip}` : type === 'hostname|port' ? `${d}|${port}` : type === 'md5' ? 'd41d8cd98f00b204e9800998ecf8427e' : type === 'url' ? `http://${d}/x` : d;
  return { type, category: 'Network activity', value, to_ids: toIds, comment };
});

export const validMisps: fc.Arbitrary<FuzzCase> = fc.tuple(fc.array(mispAttribute, { minLength: 1, maxLength: 30 }), fc.array(mispAttribute, { maxLength: 5 }), fc.constantFrom('event', 'response', 'array'), fc.boolean())
  .map(([attrs, objAttrs, shape, pretty]) => {
    const event = { info: 'Fuzz event', Attribute: attrs, Object: objAttrs.length ? [{ name: 'domain-ip', Attribute: objAttrs }] : [] };
    const value = shape === 'event' ? { Event: event } : shape === 'response' ? { response: [{ Event: event }] } : [{ Event: event }];
    return { name: 'misp-event.json', bytes: text(JSON.stringify(value, null, pretty ? 2 : 0)), how: `MISP ${shape} with ${attrs.length + objAttrs.length} attributes` };
  });

const comparison = fc.oneof(
  cidr4.map((v) => `ipv4-addr:value = '${v}'`),
  v6.map((v) => `ipv6-addr:value = '${v}'`),
  domain.map((v) => `domain-name:value = '${v}'`),
  cidr4.map((v) => `network-traffic:dst_ref.value ISSUBSET '${v}'`),
  fc.array(cidr4, { minLength: 1, maxLength: 4 }).map((vs) => `ipv4-addr:value IN (${vs.map((v) => `'${v}'`).join(', ')})`),
  fc.constant("file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'"),
  fc.constant("network-traffic:dst_port = 443"),
);

const pattern = fc.tuple(fc.array(comparison, { minLength: 1, maxLength: 3 }), fc.constantFrom(' AND ', ' OR '), fc.array(comparison, { maxLength: 2 }))
  .map(([a, join, b]) => [`[${a.join(join)}]`, ...b.map((c) => `[${c}]`)].join(' OR '));

const stixIndicator = fc.tuple(pattern, fc.constantFrom('stix', 'stix', 'snort'), label, fc.nat(99999)).map(([p, type, name, n]) => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name, pattern: p, pattern_type: type, valid_from: '2024-01-01T00:00:00Z',
}));

export const validStix: fc.Arbitrary<FuzzCase> = fc.tuple(fc.array(stixIndicator, { minLength: 1, maxLength: 20 }), fc.boolean()).map(([objects, pretty]) => ({
  name: 'bundle.stix.json',
  bytes: text(JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [{ type: 'identity', name: 'fuzz' }, ...objects] }, null, pretty ? 2 : 0)),
  how: `STIX bundle of ${objects.length} indicators`,
}));

/** Lines and fragments that have broken feed readers elsewhere: prefixes past the family, octal-looking parts,
 *  zone ids, unbalanced quotes, deep nesting, huge IN lists, patterns that never end. */
export const feedSnippets = [
  fc.constantFrom('1.2.3.4/33\n', '1.2.3.4/-1\n', '1.2.3.4/0032\n', '010.1.1.1\n', '1.2.3\n', '1.2.3.4.5\n', '256.1.1.1\n', '0.0.0.0/0\n', '::/0\n', 'fe80::1%eth0\n',
    '1::2::3\n', ':::\n', '::ffff:999.1.1.1\n', `${'a.'.repeat(200)}com\n`, `${'x'.repeat(70)}.com\n`, '"1.2.3.4\n', '"a""b",1.2.3.4\n', ',,,,,,\n', '\ufeffip,domain\n',
    '1.2.3.4 # label ; more\n', ';;;;\n', '#\n'),
  fc.constantFrom("[ipv4-addr:value = '1.2.3.4", "[ipv4-addr:value IN ('1.2.3.4',", "[file:hashes.'SHA-256 = 'x']", `${'['.repeat(5000)}`, "\\'", "[a:b[9999999999999] = 'x']",
    `[ipv4-addr:value IN (${Array.from({ length: 3000 }, (_, i) => `'10.${i >> 8}.${i & 255}.1'`).join(',')})]`, '"pattern": 5', '"objects": {}', '"Attribute": null', '"Event": []', '"value": ["1.2.3.4"]'),
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 2000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`),
];
