// Seeded generator of baselines for the fast-path tests: project files, ARM resources and ARM templates, clean
// or with faults of every baseline rule code (MA201-MA212), written as pretty strict JSON.

export type Rng = () => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  // The low bits of a power-of-two LCG cycle quickly (`% 2` alternates): hand out the high ones.
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s >>> 8; };
}

type Obj = Record<string, unknown>;

const FAULTS: ((g: Obj, r: Rng) => void)[] = [
  (g) => { tw(g)[0].minThreshold = 40; }, // MA202
  (g) => { tw(g)[1].timeWindowSize = '15m'; }, // MA203
  (g) => { tw(g)[1].timeWindowSize = 'PT5S'; }, // MA204
  (g) => { values(g)[1] = '10.0.0/8'; }, // MA205
  (g) => { values(g)[2] = '192.168.1.7/24'; }, // MA206
  (g) => { values(g).push('10.0.0.0/8', '10.1.0.0/16'); }, // MA207 inside
  (g) => { values(g).push(values(g)[0]); }, // MA207 twice
  (g) => { values(g).push('0.0.0.0/0'); }, // MA208
  (g) => { tw(g).push({ ...tw(g)[0] }); }, // MA209
  (g) => { tw(g).push({ ...tw(g)[0], maxThreshold: 99 }); }, // MA210
  (g) => { tw(g).push(windowRule('HttpC2DMessagesNotInAllowedRange', 3)); }, // MA211
  (g) => { tw(g)[2].isEnabled = false; tw(g)[2].maxThreshold = 4; }, // MA212
  (g) => { const r = tw(g)[0]; r.maxTreshold = r.maxThreshold; delete r.maxThreshold; }, // MA201 misspelt
  (g) => { tw(g)[0].minThreshold = '3'; }, // MA201 numeric string
  (g) => { tw(g)[1].ruleType = 'MqttD2CMesagesNotInAllowedRange'; }, // MA201 unknown rule type
  (g) => { tw(g).push(allowRule(['10.9.0.0/16'])); }, // MA201 type in the wrong list
  (g) => { delete tw(g)[2].timeWindowSize; }, // MA201 missing property
  (g) => { tw(g)[0].isEnabled = 'true'; }, // MA201 boolean as string
  (g) => { values(g).push('2001:db8::1/32', '2001:db8::/32'); }, // IPv6: host bits, repeat
  (g, r) => { (g.denylistRules as Obj[]).push({ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, denylistValues: [`${r() % 200 + 1}.0.0.0/8`, ' 1.2.3.4/32'] }); },
];

function tw(g: Obj): Obj[] { return g.timeWindowRules as Obj[]; }
function values(g: Obj): string[] { return (g.allowlistRules as Obj[])[0].allowlistValues as string[]; }

function windowRule(ruleType: string, max: number): Obj {
  return { ruleType, isEnabled: true, minThreshold: 0, maxThreshold: max, timeWindowSize: 'PT15M' };
}

function allowRule(list: string[]): Obj {
  return { ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: list };
}

/** One clean group: three time-window rules and an allowlist of distinct /24s. */
export function cleanGroup(r: Rng, size = 8): Obj {
  const seen = new Set<string>();
  while (seen.size < size) seen.add(`${(r() % 200) + 1}.${r() % 256}.${r() % 256}.0/24`);
  return {
    timeWindowRules: [windowRule('ActiveConnectionsNotInAllowedRange', 10 + (r() % 20)),
      windowRule('MqttD2CMessagesNotInAllowedRange', r() % 5), windowRule('TwinUpdatesNotInAllowedRange', 5)],
    allowlistRules: [allowRule([...seen])], denylistRules: [], thresholdRules: [],
  };
}

export interface GeneratedBaseline { name: string; text: string }

/** `count` groups; a fault in roughly every other group (none in the last `cleanTail` groups). */
export function generateBaseline(seed: number, shape: 'project' | 'arm-resource' | 'arm-template', count = 12, cleanTail = 0): GeneratedBaseline {
  const r = rng(seed);
  const groups: [string, Obj][] = [];
  for (let i = 0; i < count; i++) {
    const g = cleanGroup(r);
    if (i < count - cleanTail && r() % 2 === 0) FAULTS[r() % FAULTS.length](g, r);
    if (i < count - cleanTail && r() % 5 === 0) FAULTS[r() % FAULTS.length](g, r);
    groups.push([`group-${seed}-${i}`, g]);
  }
  let value: unknown;
  if (shape === 'project') value = { securityGroups: Object.fromEntries(groups) };
  else if (shape === 'arm-resource') value = resource(groups[0][0], groups[0][1]);
  else {
    value = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Devices/IotHubs', name: 'hub', apiVersion: '2021-07-02', location: 'westeurope', sku: { name: 'S1', capacity: 1 },
        resources: groups.map(([n, g]) => resource(n, g)) }] };
  }
  return { name: `${shape} #${seed}`, text: JSON.stringify(value, null, 2) };
}

function resource(name: string, g: Obj): Obj {
  return { type: 'Microsoft.Security/deviceSecurityGroups', apiVersion: '2019-08-01', name, properties: g };
}

/** Strict JSON made JSONC: comments after some lines and between some tokens. Returns the commented text and
 *  the same text with every comment character replaced by a space (strict JSON, identical offsets). */
export function withComments(text: string, r: Rng): { commented: string; blanked: string } {
  const lines = text.split('\n');
  const commented: string[] = [];
  const blanked: string[] = [];
  for (const line of lines) {
    const roll = r() % 6;
    const at = line.indexOf('": ');
    if (roll === 0) {
      const comment = ` // note ${r() % 100}`;
      commented.push(line + comment);
      blanked.push(line + ' '.repeat(comment.length));
    } else if (roll === 1 && at >= 0) {
      commented.push(`${line.slice(0, at + 3)}/* why */ ${line.slice(at + 3)}`);
      blanked.push(`${line.slice(0, at + 3)}          ${line.slice(at + 3)}`);
    } else {
      commented.push(line);
      blanked.push(line);
    }
  }
  return { commented: commented.join('\n'), blanked: blanked.join('\n') };
}

/** Trailing commas after the last member of some objects and arrays; the strict twin has a space there. */
export function withTrailingCommas(text: string, r: Rng): { commas: string; spaced: string; count: number } {
  let count = 0;
  const spacedParts: string[] = [];
  const commaParts: string[] = [];
  const re = /[^\s,[{](?=\n\s*[\]}])/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + 1;
    const add = r() % 3 === 0;
    commaParts.push(text.slice(last, at), add ? ',' : '');
    spacedParts.push(text.slice(last, at), add ? ' ' : '');
    if (add) count++;
    last = at;
  }
  commaParts.push(text.slice(last));
  spacedParts.push(text.slice(last));
  return { commas: commaParts.join(''), spaced: spacedParts.join(''), count };
}
