// One view's traffic per remote address (what the agent sent, or what really happened): the flows, bytes,
// times and directions the threat-intelligence, allowlist and hygiene analyses read at the end of a run.
import { addressKey, addressText, isGlobalUnicast, isGroupAddress, type CloudRecord } from './cloud-record';
import type { FlowEvidence } from '../findings/finding';

export interface FlowActivity extends FlowEvidence {
  /** Records (periods) the flow appeared in. */
  records: number;
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
  /** Distinct flows, up to MAX_FLOWS_PER_REMOTE; `flowsNotKept` counts the records of the others. */
  flows: Map<string, FlowActivity>;
  flowsNotKept: number;
}

/** Flows kept per remote address: evidence needs a handful; a scanner must not grow this without bound. */
const MAX_FLOWS_PER_REMOTE = 256;
/** Remote addresses kept per device and view; past it, new ones are counted and left out (said in a note). */
export const MAX_REMOTES = 200_000;

export class ActivityTable {
  private readonly byRemote = new Map<number | string, RemoteActivity>();
  /** Records of remote addresses not kept once MAX_REMOTES was reached. */
  remotesNotKept = 0;

  constructor(private readonly deviceText: (version: 4 | 6, words: readonly number[]) => string) {}

  add(time: number, r: CloudRecord, outbound: boolean): void {
    const key = addressKey(r.ipVersion, r.remote);
    let a = this.byRemote.get(key);
    if (!a) {
      if (this.byRemote.size >= MAX_REMOTES) {
        this.remotesNotKept++;
        return;
      }
      a = {
        version: r.ipVersion, words: [...r.remote], text: addressText(r.ipVersion, r.remote),
        global: isGlobalUnicast(r.ipVersion, r.remote), group: isGroupAddress(r.ipVersion, r.remote),
        firstTime: time, lastTime: time, bytesIn: 0, bytesOut: 0, records: 0, flows: new Map(), flowsNotKept: 0,
      };
      this.byRemote.set(key, a);
    }
    a.lastTime = Math.max(a.lastTime, time);
    a.firstTime = Math.min(a.firstTime, time);
    a.bytesIn += r.bytesIn;
    a.bytesOut += r.bytesOut;
    a.records++;
    const local = this.deviceText(r.ipVersion, r.local);
    const fk = `${r.protocol}|${local}|${r.localPort}|${r.remotePort}`;
    let f = a.flows.get(fk);
    if (!f) {
      if (a.flows.size >= MAX_FLOWS_PER_REMOTE) {
        a.flowsNotKept++;
        return;
      }
      f = {
        protocol: r.protocol, local, localPort: r.localPort, remote: a.text, remotePort: r.remotePort,
        bytesIn: 0, bytesOut: 0, firstTime: time, lastTime: time, direction: outbound ? 'outbound' : 'inbound', records: 0,
      };
      a.flows.set(fk, f);
    }
    f.bytesIn += r.bytesIn;
    f.bytesOut += r.bytesOut;
    f.lastTime = Math.max(f.lastTime, time);
    f.records++;
    // A flow read as outbound in any period stays outbound (its first period may have been a lone reply).
    if (outbound) f.direction = 'outbound';
  }

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
