// Valid baselines and simulation profiles as fast-check arbitraries (baselines from the baseline tests' seeded
// generator: project files, ARM resources and templates, with comments and trailing commas), and the hostile
// JSON snippets mutations insert: deep nesting, many keys, huge numbers, prototype keys, lone surrogates.
import fc from 'fast-check';
import { generateBaseline, rng, withComments, withTrailingCommas } from '../../baseline/generated-baselines';
import type { FuzzCase } from '../harness/mutations';

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

export const validBaselines: fc.Arbitrary<FuzzCase> = fc.tuple(fc.nat(), fc.constantFrom('project', 'arm-resource', 'arm-template') as fc.Arbitrary<'project' | 'arm-resource' | 'arm-template'>,
  fc.integer({ min: 1, max: 3 }), fc.constantFrom('plain', 'comments', 'commas'))
  .map(([seed, shape, count, dress]) => {
    const base = generateBaseline(seed, shape, count);
    const r = rng(seed);
    const body = dress === 'comments' ? withComments(base.text, r).commented : dress === 'commas' ? withTrailingCommas(base.text, r).commas : base.text;
    return { name: 'devices.baseline.json', bytes: text(body), how: `${shape} baseline of ${count} groups (seed ${seed}, ${dress})` };
  });

const address = fc.oneof(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.')), fc.constantFrom('fd00::50', '2001:db8::1', '10.0.0.0/8', 'not-an-address'));

const device = fc.record({
  id: fc.constantFrom('door-lock-01', 'door-lock-02', 'meter', ''),
  securityGroup: fc.constantFrom('door-locks', 'door-lock', 'other'),
  addresses: fc.array(address, { maxLength: 3 }),
  capture: fc.constantFrom('captures/a.pcap', 'missing.pcapng', 'flows/conn.log'),
  connLog: fc.constantFrom(undefined, 'conn.log'),
  events: fc.constantFrom(undefined, 'events.ndjson'),
}, { requiredKeys: ['id'] });

export const validProfiles: fc.Arbitrary<FuzzCase> = fc.record({
  agentConfig: fc.constantFrom('firmware/asc_config.h', 'RTOS_BASE.dist'),
  nxUser: fc.constantFrom('firmware/nx_user.h'),
  baseline: fc.constantFrom('baselines/b.baseline.json', 'b.baseline.json', 'missing.baseline.json'),
  feeds: fc.array(fc.oneof(fc.constantFrom('feeds/blocklist.netset'), fc.record({ path: fc.constantFrom('feeds/x.csv'), format: fc.constantFrom('csv', 'auto', 'stix', 'misp', 'list') })), { maxLength: 3 }),
  hub: fc.record({
    ipFilterRules: fc.array(fc.record({ filterName: fc.constantFrom('f1', 'f2'), action: fc.constantFrom('Accept', 'Reject'), ipMask: address }), { maxLength: 3 }),
    networkRuleSets: fc.record({ defaultAction: fc.constantFrom('Allow', 'Deny'), applyToBuiltInEventHubEndpoint: fc.boolean(),
      ipRules: fc.array(fc.record({ filterName: fc.constantFrom('factory'), action: fc.constant('Allow'), ipMask: address }), { maxLength: 3 }) }),
  }, { requiredKeys: [] }),
  devices: fc.array(device, { minLength: 1, maxLength: 4 }),
  simulation: fc.record({ seed: fc.nat(), windowAlignment: fc.constantFrom('epoch', 'first-event'), permissiveRulePrefixLength: fc.integer({ min: 0, max: 32 }) }, { requiredKeys: [] }),
}, { requiredKeys: ['devices'] }).map((p) => ({ name: 'microagent.json', bytes: text(JSON.stringify(p, null, 2)), how: `profile of ${p.devices.length} devices` }));

/** JSON that has broken JSON tooling: deep nesting, many keys, duplicate keys, numbers past float64, keys
 *  that name Object.prototype's members, lone surrogates, comments where JSON has none. */
export const jsonSnippets = [
  fc.integer({ min: 1, max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`),
  fc.integer({ min: 1, max: 500 }).map((n) => `{${Array.from({ length: n }, () => '"ruleType":"ActiveConnectionsNotInAllowedRange"').join(',')}}`),
  fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890', '-0', '0.1e', '"\\ud800"', '"\\udc00\\ud800"', '"\\u0000"', '"\\x41"',
    '{"__proto__": {"isEnabled": true}}', '{"constructor": {"prototype": 1}}', '{"toString": 1, "hasOwnProperty": 2}', '/* comment', '// comment\n', ',,,', '{"a":1,}', '[1,]',
    'NaN', 'Infinity', 'undefined', "'single'", '"\t"', '{"minThreshold": 1e308, "maxThreshold": -1e308}', '{"timeWindowSize": "PT99999999999999999999H"}',
    '{"timeWindowSize": "P1Y2M3W4DT5H6M7.5S"}', '"timeWindowSize": "PT0.0000001S"', '{"allowlistValues": ["1.2.3.4/33", "::/0", "0.0.0.0/0"]}', '"ipMask": "0.0.0.0/0"', '"seed": -1'),
];
