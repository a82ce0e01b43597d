// Rule codes about the tool itself and its own configuration: .microagent/config.json and suppression comments (MA0xx).
import type { RuleCode } from './rule-code';

export const projectConfigCodes: RuleCode[] = [
  {
    code: 'MA000',
    title: 'Internal error while checking a file',
    defaultSeverity: 'error',
    description:
      'The checker failed on this file: a bug in the tool, not necessarily a problem in the file. The file gets ' +
      'this one diagnostic instead of its checks; every other file is still checked and served, and the language ' +
      'server keeps running. The error and its stack are in the server\'s log (in VS Code: "Micro Agent: Show the ' +
      'language server log"); please report it with the file that triggers it. `microagent check` reports the same ' +
      'failure as a notice and exits 2.',
    example: '(a file that makes a checker throw)',
  },
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
      '(an unknown severity, a suppression without a code), or a `microagent-ignore` comment names no code (it ' +
      'is ignored) or more than 64 (the first 64 apply). The entry is ignored; the rest of the file is used.',
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
  {
    code: 'MA005',
    title: 'Content over a limit',
    defaultSeverity: 'error',
    description:
      'A part of the file is past one of the limits that keep checking fast and its memory bounded, whatever the ' +
      'file holds: in JSON (baselines, profiles) more keys in one object than `jsonKeys` (10,000), nesting deeper ' +
      'than `jsonDepth` (200), more values in all than `jsonNodes` (1,000,000); in an agent configuration more ' +
      'directives or CMake commands than `statements` (50,000), a directive or command longer than `lineLength` ' +
      '(16,384 characters), an expression of more tokens than `expressionTokens` (4,096, after macro expansion) or ' +
      'nested deeper than `expressionDepth` (256); in any checked file more `microagent-ignore` comments than ' +
      '`suppressionComments` (10,000). The diagnostic sits where the limit is passed and names it; that ' +
      'part is not read (an object keeps its first keys, a directive is skipped, reading stops at the statement ' +
      'limit, the comments past the limit suppress nothing) and the rest of the file is still checked. Raise a limit with `"limits": { "jsonKeys": 50000 }` in ' +
      '`.microagent/config.json` (in an untrusted workspace the editor only lowers them).',
    example: '{ "securityGroups": { "g": { "k0": 0, "k1": 1, …, "k10000": 10000 } } }',
  },
];
