// What the learner keeps of each remote address, read from the cloud's own activity tables (the agent's view
// and the ground truth, so the direction is the one the cloud reads with `isOutbound`): whether the device
// connected to it (an outbound flow, which the allowlist must cover), and every service seen with it.
import type { DeviceView } from '../cloud/device-view';
import type { RemoteActivity } from '../cloud/activity';
import { serviceOf } from './learned-profile';

export interface SeenRemote {
  version: 4 | 6;
  words: readonly number[];
  text: string;
  /** Multicast or broadcast: the cloud's allowlist never judges these. */
  group: boolean;
  /** Some flow with it was read as outbound (in either view). */
  outbound: boolean;
  services: Set<string>;
}

/** Adds the remotes `view` still holds to `into` (keyed by address text); the ones it let go of during the run
 *  reach `collectRemote` through its retire listener. */
export function collectRemotes(view: DeviceView, into: Map<string, SeenRemote>): void {
  for (const a of view.activity.remotes()) collectRemote(a, into);
}

export function collectRemote(a: RemoteActivity, into: Map<string, SeenRemote>): void {
  let r = into.get(a.text);
  if (!r) {
    r = { version: a.version, words: a.words, text: a.text, group: a.group, outbound: false, services: new Set() };
    into.set(a.text, r);
  }
  for (const f of a.flows) {
    if (f.direction === 'outbound') r.outbound = true;
    r.services.add(serviceOf(f));
  }
}
