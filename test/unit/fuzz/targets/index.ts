// Every fuzz target by name: the worker runs them, the properties and the corpus name them.
import type { Target } from '../harness/target';
import { captureTarget, connLogTarget, eventScriptTarget } from './traffic-targets';
import { feedTarget } from './feed-targets';
import { configTarget } from './config-targets';
import { baselineTarget, profileTarget } from './json-targets';
import { messageTarget } from './message-targets';
import { selfTestTarget } from './self-test-targets';

export const targets: Record<string, Target> = {
  capture: captureTarget,
  'conn-log': connLogTarget,
  'event-script': eventScriptTarget,
  feed: feedTarget,
  config: configTarget,
  baseline: baselineTarget,
  profile: profileTarget,
  message: messageTarget,
  /** Misbehaves on purpose: the harness's own tests. */
  'self-test': selfTestTarget,
};
