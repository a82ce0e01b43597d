// Every time a simulation is given (the configuration's intervals, --force-first-collection, --until, the
// profile's startTime, durationSeconds and sendsFailing windows), checked against what the agent's uint32 clock
// can hold before anything runs: one line per refusal, naming the flag or the file and place.
import type { ConfigLocator } from '../cloud/config-locator';
import type { AgentConfig } from '../config/agent-config';
import type { Profile } from '../baseline/profile-model';
import { agentTimeProblems, epochProblem, secondsProblem } from '../agent/time-limits';

export interface SimulationTimes {
  config: AgentConfig;
  configFile?: string;
  locator: ConfigLocator;
  /** Whether --force-first-collection set the forced first collection (else the configuration did). */
  forceFlag: boolean;
  until?: { time: number } | { seconds: number };
  /** Whether `until` came from --until (else from the profile's durationSeconds). */
  untilFromFlag: boolean;
  profile?: Profile;
  profileFile?: string;
}

export function simulationTimeProblems(t: SimulationTimes): string[] {
  const out: string[] = [];
  for (const p of agentTimeProblems(t.config)) {
    if (p.option === 'ASC_FIRST_FORCE_COLLECTION_INTERVAL' && t.forceFlag) {
      out.push(secondsProblem('--force-first-collection', p.value) ?? `--force-first-collection: ${p.message}`);
      continue;
    }
    const place = t.locator.locate(p.option);
    const at = place?.written ? `${place.location.file}:${place.location.range.start.line + 1}:${place.location.range.start.character + 1}: ` : t.configFile ? `${t.configFile}: ` : '';
    out.push(`${at}${p.message}`);
  }
  const profileAt = (field: string) => `${t.profileFile ?? 'the profile'}: simulation.${field}`;
  if (t.until && 'seconds' in t.until) {
    const why = secondsProblem(t.untilFromFlag ? '--until' : profileAt('durationSeconds'), t.until.seconds);
    if (why) out.push(why);
  } else if (t.until) {
    const why = epochProblem(t.untilFromFlag ? '--until' : profileAt('durationSeconds'), t.until.time);
    if (why) out.push(why);
  }
  const sim = t.profile?.simulation;
  if (sim?.startTime !== undefined) {
    const why = epochProblem(`${profileAt('startTime')} (${sim.startTime})`, Date.parse(sim.startTime) / 1000);
    if (why) out.push(why);
  }
  for (const [i, w] of (sim?.sendsFailing ?? []).entries()) {
    for (const [key, v] of [['from', w.from], ['to', w.to]] as const) {
      if (v === undefined) continue;
      const what = profileAt(`sendsFailing[${i}].${key}`);
      const why = typeof v === 'number' ? secondsProblem(what, v) : epochProblem(`${what} (${v})`, Date.parse(v) / 1000);
      if (why) out.push(why);
    }
  }
  return out;
}
