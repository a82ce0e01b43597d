// What an address-list value that is no CIDR range most likely is (a prefix too long, a host name, a service
// tag, an address with a port, a netmask, a wildcard, a dash range), said in the user's terms with what to
// write instead, and the value to write when there is exactly one (the quick fix).
import { formatCidr, formatIPv4, formatIPv6, parseAddress, parseCidr, parseIPv4, type Address } from '../intel/ip';
import { quoteValue, shortValue } from '../findings/text-safety';

export interface CidrValueHelp {
  message: string;
  /** The one CIDR value that says what was meant, when it is clear. */
  replacement?: string;
}

const EXAMPLE = 'e.g. "192.168.0.0/16", "203.0.113.7" or "2001:db8::/32"';

/** Azure service tags (NSG and firewall rules take them): the documented names, and any `Azure...` name, with a region suffix. */
const SERVICE_TAG = /^(?:Azure[A-Z][A-Za-z]*|Internet|VirtualNetwork|Storage|Sql|SqlManagement|EventHub|ServiceBus|AppService|AppServiceManagement|ApiManagement|ActionGroup|BatchNodeManagement|CognitiveServicesManagement|DataFactory|GatewayManager|GuestAndHybridManagement|MicrosoftContainerRegistry|PowerBI|PowerQueryOnline)(?:\.[A-Za-z0-9]+)?$/;
const HOST_NAME = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}\.?$/i;

/** Explains `text`, a value that `parseCidr` refused, for a ConnectionToIpNotAllowed list. The value is quoted
 *  whole when short, else its start and its length: a 10 MB value is not repeated in every message. */
export function cidrValueHelp(text: string): CidrValueHelp {
  const s = text.trim();
  const shown = quoteValue(text);
  if (s === '') return { message: `${shown} is empty: write an IPv4 or IPv6 range in CIDR notation (${EXAMPLE}), or remove it.` };

  const slash = s.indexOf('/');
  if (slash > 0) {
    const addr = parseAddress(s.slice(0, slash));
    const lenText = s.slice(slash + 1);
    if (addr && /^\d+$/.test(lenText)) {
      const max = addr.version === 4 ? 32 : 128;
      return { message: `${shown}: an IPv${addr.version} prefix is at most /${max} (one address); /${Number(lenText)} is longer than the address. Write the range's prefix length, from /0 to /${max}.` };
    }
    // A netmask after the slash: 10.0.0.0/255.255.255.0.
    const mask = parseIPv4(lenText);
    if (addr?.version === 4 && mask !== undefined) {
      const ones = contiguousOnes(mask);
      if (ones === undefined) return { message: `${shown}: ${lenText} is not a netmask a prefix can say (its one bits are not contiguous). Write the range in CIDR notation (${EXAMPLE}).` };
      return fix(`${shown} gives a netmask; CIDR notation gives its length`, `${s.slice(0, slash)}/${ones}`);
    }
  }

  // An address with a port (a connection's endpoint): the list matches addresses only.
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(s);
  const v6port = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(s);
  const endpoint = v4port ?? v6port;
  if (endpoint && parseAddress(endpoint[1])) {
    return fix(`${shown} ${endpoint[2] ? 'names a port' : 'puts the address in brackets'}; the rule matches the remote address only, whatever the port`, endpoint[1]);
  }

  // A URL: what the device connects to is its host.
  const url = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(s);
  if (url) {
    const host = url[1].replace(/^\[|\]$/g, '');
    if (parseAddress(host)) return fix(`${shown} is a URL; the rule matches the remote address only`, host);
    return hostName(shown, host, true);
  }

  // Trailing wildcards: 10.0.*.* is 10.0.0.0/16.
  const wild = /^(\d{1,3}(?:\.\d{1,3}){0,2})((?:\.\*){1,3})$/.exec(s);
  if (wild) {
    const known = wild[1].split('.');
    const octets = [...known, '0', '0', '0'].slice(0, 4).join('.');
    if (known.length + wild[2].length / 2 === 4 && parseIPv4(octets) !== undefined) {
      return fix(`${shown} uses wildcards; CIDR notation gives the range by its prefix`, `${octets}/${known.length * 8}`);
    }
  }

  // A dash range: exactly one CIDR range, or say how to split it.
  const dash = /^([^\s-]+)\s*-\s*([^\s-]+)$/.exec(s);
  if (dash) {
    const from = parseAddress(dash[1]);
    const to = parseAddress(dash[2]);
    if (from && to && from.version === to.version) {
      const one = singleCidr(from, to);
      if (one) return fix(`${shown} is a range from one address to another; CIDR notation says the same`, one);
      return { message: `${shown} is a range from one address to another, which no single CIDR range covers exactly. List the CIDR ranges that make it up (${EXAMPLE}).` };
    }
  }

  if (SERVICE_TAG.test(s)) {
    return { message: `${shown} is an Azure service tag: network security rules and firewalls take those, a custom alert's address list does not (it holds IP ranges only). List the tag's IP ranges in CIDR notation instead; Microsoft publishes them in the "Azure IP Ranges and Service Tags" file.` };
  }
  if (HOST_NAME.test(s) && !/^[\d.]+$/.test(s)) return hostName(shown, s, s !== text);
  return { message: `${shown} is not an IPv4 or IPv6 range in CIDR notation (${EXAMPLE}).` };
}

/** The message with the value to write, canonical (a bare address stays a bare address). */
function fix(what: string, value: string): CidrValueHelp {
  const addr = value.includes('/') ? undefined : parseAddress(value);
  const cidr = addr ? undefined : parseCidr(value);
  const written = addr ? (addr.version === 4 ? formatIPv4(addr.value) : formatIPv6(addr.value)) : cidr ? formatCidr(cidr) : value;
  return { message: `${what}: write ${JSON.stringify(written)}.`, replacement: written };
}

/** `named`: the host differs from the value as written (a URL's host, a name with space around it). */
function hostName(shown: string, host: string, named: boolean): CidrValueHelp {
  return { message: `${shown} is a host name${named ? ` (${shortValue(host)})` : ''}: the list holds IP ranges only, and the cloud matched connections by their remote address (the agent records no names). List the addresses it resolves to (as "203.0.113.7" or a CIDR range), and check them again when they change; to be told when a device looks a name up, put the name in a threat feed (MA401).` };
}

/** The prefix length of a netmask whose one bits are contiguous, else undefined. */
function contiguousOnes(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

/** `from`-`to` (one IP version) as one CIDR range when it is exactly one: a power-of-two block on its boundary. */
function singleCidr(from: Address, to: Address): string | undefined {
  const a = BigInt(from.value);
  const b = BigInt(to.value);
  if (b < a) return undefined;
  const size = b - a + 1n;
  if ((size & (size - 1n)) !== 0n || a % size !== 0n) return undefined;
  const prefix = (from.version === 4 ? 32 : 128) - (size.toString(2).length - 1);
  return `${from.version === 4 ? formatIPv4(from.value) : formatIPv6(from.value)}/${prefix}`;
}
