// One view's traffic per remote address (what the agent sent, or what really happened): the flows, bytes,
// times and directions the threat-intelligence, allowlist and hygiene analyses read. Bounded: past its limits
// the table hands the remotes idle longest to its retire listeners (the analyses, which fold them into their
// findings) and lets go of them; at the end of the run `drain` hands over the rest.
import { addressKey, addressText, isGlobalUnicast, isGroupAddress, type CloudRecord } from './cloud-record';
import type { FlowEvidence } from '../findings/finding';
import { DEFAULT_CLOUD_LIMITS } from './cloud-limits';

export interface FlowActivity extends FlowEvidence {
  /** Records (periods) the flow appeared in. */
  records: number;
  /** The flow's key within its remote: local address, protocol and ports as one number. */
  key: number;
}

export interface RemoteActivity {
  version: 4 | 6;
  words: readonly number[];
  text: string;
  global: boolean;
  /** Multicast or broadcast. */
  group: boolean;
  firstTime: number;
  lastTime: number;
  bytesIn: number;
  bytesOut: number;
  records: number;
  /** Distinct flows in the order they came, up to MAX_FLOWS_PER_REMOTE; `flowsNotKept` counts the records of
   *  the others. (An array, not a Map: most remotes have one to three flows, and a Map a remote is garbage a
   *  day of remotes would pile up.) */
  flows: FlowActivity[];
  /** Past INDEXED_FLOWS flows (a resolver, a broker: every connection a new flow), the flows by key. */
  flowIndex?: Map<number, FlowActivity>;
  flowsNotKept: number;
  /** Some kept flow was read as outbound (the remote is one the device connected to). */
  hasOutbound: boolean;
}

/** Flows kept per remote address: evidence needs a handful; a scanner must not grow this without bound. */
const MAX_FLOWS_PER_REMOTE = 256;
/** Flows of one remote looked up by a scan of its array, below this; by a Map from it. */
const INDEXED_FLOWS = 16;

export type RemoteListener = (remote: RemoteActivity) => void;

const PROTOCOL_INDEX: Record<CloudRecord['protocol'], number> = { TCP: 0, UDP: 1, ICMP: 2, other: 3 };

export class ActivityTable {
  private readonly byRemote = new Map<number | string, RemoteActivity>();
  private readonly listeners: RemoteListener[] = [];
  private readonly outboundListeners: RemoteListener[] = [];
  /** Flows held over all remotes. */
  private flowsHeld = 0;
  /** The device's local addresses seen, numbered: a flow's key within its remote is a number built from the
   *  local address's number, the protocol and the ports (no string per record). */
  private readonly locals = new Map<string, number>();
  /** Remotes handed to the listeners and let go of before the end (a remote seen again after that is held anew). */
  remotesRetired = 0;

  constructor(
    private readonly deviceText: (version: 4 | 6, words: readonly number[]) => string,
    private readonly limits: { remotes: number; flows: number } = DEFAULT_CLOUD_LIMITS,
  ) {}

  /** The last local address seen, as text and number: nearly every record has the device's own, and formatting
   *  it per record was a string of garbage each (a fifth of a busy day's time went to the collector). */
  private lastLocal: { version: 4 | 6; words: number[]; text: string; index: number } | undefined;

  private localOf(version: 4 | 6, words: readonly number[]): { text: string; index: number } {
    const last = this.lastLocal;
    if (last && last.version === version && last.words[0] === words[0] && (version === 4 || (last.words[1] === words[1] && last.words[2] === words[2] && last.words[3] === words[3]))) return last;
    const text = this.deviceText(version, words);
    let index = this.locals.get(text);
    if (index === undefined) this.locals.set(text, (index = this.locals.size));
    this.lastLocal = { version, words: version === 4 ? [words[0]] : [words[0], words[1], words[2], words[3]], text, index };
    return this.lastLocal;
  }

  /** Adds a listener for each remote the table lets go of (during the run, and every one left at `drain`). */
  onRetire(listener: RemoteListener): void {
    this.listeners.push(listener);
  }

  /** Adds a listener for the first outbound flow of each remote (told again for a remote held anew). */
  onFirstOutbound(listener: RemoteListener): void {
    this.outboundListeners.push(listener);
  }

  add(time: number, r: CloudRecord, outbound: boolean): void {
    const key = addressKey(r.ipVersion, r.remote);
    let a = this.byRemote.get(key);
    if (!a) {
      a = {
        version: r.ipVersion, words: r.ipVersion === 4 ? [r.remote[0]] : [r.remote[0], r.remote[1], r.remote[2], r.remote[3]], text: addressText(r.ipVersion, r.remote),
        global: isGlobalUnicast(r.ipVersion, r.remote), group: isGroupAddress(r.ipVersion, r.remote),
        firstTime: time, lastTime: time, bytesIn: 0, bytesOut: 0, records: 0, flows: [], flowsNotKept: 0, hasOutbound: false,
      };
      this.byRemote.set(key, a);
    }
    a.lastTime = Math.max(a.lastTime, time);
    a.firstTime = Math.min(a.firstTime, time);
    a.bytesIn += r.bytesIn;
    a.bytesOut += r.bytesOut;
    a.records++;
    const { text: local, index: localIndex } = this.localOf(r.ipVersion, r.local);
    const fk = localIndex * 2 ** 34 + PROTOCOL_INDEX[r.protocol] * 2 ** 32 + r.localPort * 65536 + r.remotePort;
    let f: FlowActivity | undefined;
    if (a.flowIndex) f = a.flowIndex.get(fk);
    else for (let i = 0; i < a.flows.length; i++) if (a.flows[i].key === fk) (f = a.flows[i]), (i = a.flows.length);
    if (!f) {
      if (a.flows.length >= MAX_FLOWS_PER_REMOTE) {
        a.flowsNotKept++;
        return;
      }
      f = {
        protocol: r.protocol, local, localPort: r.localPort, remote: a.text, remotePort: r.remotePort,
        bytesIn: 0, bytesOut: 0, firstTime: time, lastTime: time, direction: outbound ? 'outbound' : 'inbound', records: 0, key: fk,
      };
      // A one-element array for the first flow (most remotes have no other): a pushed-to empty one reserves 16.
      if (a.flows.length === 0) a.flows = [f];
      else a.flows.push(f);
      if (a.flowIndex) a.flowIndex.set(fk, f);
      else if (a.flows.length === INDEXED_FLOWS) a.flowIndex = new Map(a.flows.map((x) => [x.key, x]));
      this.flowsHeld++;
    }
    f.bytesIn += r.bytesIn;
    f.bytesOut += r.bytesOut;
    f.lastTime = Math.max(f.lastTime, time);
    f.records++;
    // A flow read as outbound in any period stays outbound (its first period may have been a lone reply).
    if (outbound) {
      f.direction = 'outbound';
      if (!a.hasOutbound) {
        a.hasOutbound = true;
        for (const l of this.outboundListeners) l(a);
      }
    }
    if (this.byRemote.size > this.limits.remotes || this.flowsHeld > this.limits.flows) this.retireIdlest();
  }

  /**
   * Hands the remotes idle longest to the listeners and lets go of them, until the table holds at most half
   * of each limit: once per half a table of new remotes or flows, so amortised O(log n) a remote. Remotes
   * with a record at the latest time stay (the other view's records of the same period may still be on their
   * way), unless the table holds four times its limits: then it is bounded first.
   */
  private retireIdlest(): void {
    // Oldest last activity first; the sort is stable, so remotes idle since the same time go in the order they came.
    const idlest = [...this.byRemote.entries()].sort((x, y) => x[1].lastTime - y[1].lastTime);
    const remotes = this.limits.remotes >> 1;
    const flows = this.limits.flows >> 1;
    const latest = idlest.length ? idlest[idlest.length - 1][1].lastTime : -Infinity;
    const overfull = this.byRemote.size > 4 * this.limits.remotes || this.flowsHeld > 4 * this.limits.flows;
    for (const [key, a] of idlest) {
      if (this.byRemote.size <= remotes && this.flowsHeld <= flows) break;
      if (a.lastTime >= latest && !overfull) break;
      this.remotesRetired++;
      this.retire(key, a);
    }
  }

  private retire(key: number | string, a: RemoteActivity): void {
    this.byRemote.delete(key);
    this.flowsHeld -= a.flows.length;
    for (const l of this.listeners) l(a);
  }

  /** The end of the run: hands every remote still held to the listeners (in the order they came) and empties the table. */
  drain(): void {
    for (const [key, a] of [...this.byRemote.entries()]) this.retire(key, a);
  }

  /** The remotes still held (all of them when none was let go of and the table has not been drained). */
  remotes(): IterableIterator<RemoteActivity> {
    return this.byRemote.values();
  }

  get size(): number {
    return this.byRemote.size;
  }
}

/** The service port of a flow: the peer's when the device is the client, the device's own otherwise. */
export function servicePort(f: Pick<FlowActivity, 'direction' | 'localPort' | 'remotePort'>): number {
  return f.direction === 'outbound' ? f.remotePort : f.localPort;
}
