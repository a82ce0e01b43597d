// The files a `microagent simulate` run may read, each with what it is to the run: those named on the command
// line and those its profile names (agent configuration, baseline and the learned profile beside it, feeds,
// device captures). `-o` never writes over one of them, even with --force.
import type { Profile } from '../baseline/profile-model';
import { learnedPathFor } from '../learn/learned-profile';
import type { RunInput } from './output-file';
import { quoteValue } from '../findings/text-safety';

/** The command line's input files, as absolute paths. */
export interface SimulateFlagInputs {
  profile?: string;
  capture?: string;
  connLog?: string;
  events?: string;
  agentConfig?: string;
  nxUser?: string;
  baseline?: string;
  hub?: string;
  feeds: readonly string[];
}

/**
 * Every file the flags and the profile name, whether or not a flag overrides the profile's choice: a file the
 * profile names is the user's input even in a run that reads another in its place.
 */
export function simulateInputs(flags: SimulateFlagInputs, profile: Profile | undefined): RunInput[] {
  const out: RunInput[] = [
    { path: flags.profile, what: 'the profile' },
    { path: flags.capture, what: 'the --capture file' },
    { path: flags.connLog, what: 'the --conn-log file' },
    { path: flags.events, what: 'the --events file' },
    { path: flags.agentConfig, what: 'the --agent-config file' },
    { path: flags.nxUser, what: 'the --nx-user file' },
    { path: flags.baseline, what: 'the --baseline file' },
    { path: flags.baseline && learnedPathFor(flags.baseline), what: 'the learned profile beside the --baseline file' },
    { path: flags.hub, what: 'the --hub file' },
    ...flags.feeds.map((path) => ({ path, what: 'a --feed file' })),
  ];
  if (profile) {
    out.push(
      { path: profile.agentConfig, what: 'the profile\'s agentConfig' },
      { path: profile.nxUser, what: 'the profile\'s nxUser' },
      { path: profile.baseline, what: 'the profile\'s baseline' },
      { path: profile.baseline && learnedPathFor(profile.baseline), what: 'the learned profile beside the profile\'s baseline' },
      ...profile.feeds.map((f) => ({ path: f.path, what: 'a feed the profile names' })),
      ...profile.devices.map((d) => ({ path: d.capture, what: `the capture of the profile's device ${quoteValue(d.id)}` })),
    );
  }
  return out.filter((i) => i.path !== undefined);
}
