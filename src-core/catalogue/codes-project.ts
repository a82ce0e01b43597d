// Rule codes about the tool's own configuration: .microagent/config.json and suppression comments (MA0xx).
import type { RuleCode } from './rule-code';

export const projectConfigCodes: RuleCode[] = [
  {
    code: 'MA001',
    title: 'Suppression without a reason',
    defaultSeverity: 'warning',
    description:
      'A `microagent-ignore` comment or a `suppressions` entry in `.microagent/config.json` gives no reason. ' +
      'The suppression still applies; the reason is what tells a reviewer why the finding is safe to ignore.',
    example: '// microagent-ignore MA105',
  },
  {
    code: 'MA002',
    title: 'Suppression that matches nothing',
    defaultSeverity: 'hint',
    description:
      'A `microagent-ignore` comment names a code that the line after it does not raise. ' +
      'It is probably left over from a fix, or names the wrong code.',
    example: '// microagent-ignore MA999 not raised here',
  },
  {
    code: 'MA003',
    title: 'Invalid suppression or project configuration',
    defaultSeverity: 'error',
    description:
      '`.microagent/config.json` could not be read as JSON with comments, or an entry has the wrong shape ' +
      '(an unknown severity, a suppression without a code), or a `microagent-ignore` comment names no code. ' +
      'The entry is ignored; the rest of the file is used.',
    example: '{ "severityOverrides": { "MA112": "loud" } }',
  },
  {
    code: 'MA004',
    title: 'Too many problems in one file',
    defaultSeverity: 'information',
    description:
      'A file produced more problems than one report shows (2,000 by default): the first ones, in file order, are ' +
      'kept and this note counts the rest. A file this broken is usually the wrong file, or generated; fix the ' +
      'first problems and check again.',
    example: '(a 100 MB header that defines the same option three million times)',
  },
];
