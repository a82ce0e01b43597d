// `microagent check [PATH...]`: the editor's diagnostics for files and folders, as text, JSON or SARIF for CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { oneOf, parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../command';
import { SourceDocument } from '../../language/document';
import { defaultSettings } from '../../language/settings';
import type { Diagnostic } from '../../language/types';
import { checkDocument, RECOGNIZE_PREFIX } from '../../check/check-document';
import { isProfilePath, ProfileFeedIndex, profilesAbove, serviceWithProfiles } from '../../check/profile-feeds';
import { diskFileAccess, diskFiles } from '../../check/disk-files';
import { InputFileError, inputKindOfPath, readInputText, type InputFileKind } from '../../util/input-file';
import { defaultInputLimits, parseMaxFileSizeFlags, withMaxFileSizes } from '../../util/input-limits';
import { cliWorkspaceOf } from '../../util/workspace-bounds';
import { MAX_FILE_SIZE_FLAG, maxFileSizeHelp } from '../input-limits-flag';
import { readPrefix, walkFiles, type WalkProblem } from '../../check/walk';
import { loadProjectConfig, type ProjectConfig } from '../../project-config/config-file';
import { applySeverityOverrides } from '../../language/severity';
import { countSeverities, displayPath, summaryLine, type Report, type ReportNotice } from '../../findings/report';
import { formatText } from '../../findings/text-report';
import { formatJson } from '../../findings/json-report';
import { formatSarif } from '../../findings/sarif-report';
import { appendAll } from '../../util/append';
import { toolVersion } from '../version';
import { checkOutputTarget, writeOutputFile } from '../output-file';

const formats = ['text', 'json', 'sarif'] as const;

const help = `Usage: microagent check [options] [PATH...]

Checks the agent configuration files (asc_config.h, *.dist, nx_user.h) and every other file kind the
language server knows, with the same rules, suppressions and severities as the editor. PATH may be files
or folders (searched recursively, skipping node_modules, dist, build, out, cmake-build-* and hidden
folders); the default is the current folder. Settings come from the nearest .microagent/config.json.

Options:
  --format text|json|sarif   report format (default text: file:line:col: severity code message)
  -o, --output FILE          write the report to FILE instead of standard output (an existing FILE is
                             refused unless --force)
  --force                    with -o: replace FILE if it exists
  --max-warnings N           also fail (exit 1) when there are more than N warnings
  --allow-empty              finding nothing to check is not an error (exit 0 instead of 2)
${maxFileSizeHelp(29)}  -h, --help                 this help

Exit status: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 bad usage, an input
that could not be read (a named path that does not exist, a named file no check recognises, a device or
FIFO, a file over its size limit), or nothing to check at all (no file any check recognises under PATH;
--allow-empty accepts that).

Paths a profile names outside its workspace (the nearest folder above it holding .microagent/ or .git,
else its own folder) are reported (MA307, a warning): the editor does not read them.
`;

interface Target {
  file: string;
  /** Named on the command line (an unrecognised one is then a usage problem, not silently skipped). */
  explicit: boolean;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check configuration files and folders (text, JSON or SARIF report)',
  help,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { format: { value: true }, output: { value: true, short: 'o' }, force: {}, 'max-warnings': { value: true }, 'allow-empty': {}, ...MAX_FILE_SIZE_FLAG });
    const allowEmpty = parsed.flags.has('allow-empty');
    const format = oneOf(parsed.flags.get('format')?.[0], formats, 'format', 'text');
    const output = parsed.flags.get('output')?.[0];
    const maxWarningsText = parsed.flags.get('max-warnings')?.[0];
    const maxWarnings = maxWarningsText === undefined ? undefined : Number(maxWarningsText);
    if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
      throw new UsageError(`--max-warnings must be a whole number >= 0 (got '${maxWarningsText}')`);
    }
    const inputs = parsed.positional.length ? parsed.positional : ['.'];
    // Each file is read under the limits of its own project's config file, with the flags over them.
    let sizeFlags: Partial<Record<InputFileKind, number>>;
    try {
      sizeFlags = parseMaxFileSizeFlags(parsed.flags.get('max-file-size') ?? []);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (parsed.flags.has('force') && !output) throw new UsageError('--force only applies to -o FILE');
    // Refused before the work: an existing file is the user's, and an input is never written over.
    if (output) checkOutputTarget({ path: path.resolve(io.cwd, output), flag: '-o', force: parsed.flags.has('force'), inputs: inputs.map((i) => path.resolve(io.cwd, i)) });
    const notices: ReportNotice[] = [];
    const targets: Target[] = [];
    const folders: string[] = [];
    for (const input of inputs) {
      const abs = path.resolve(io.cwd, input);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(abs);
      } catch (err) {
        notices.push({ file: abs, message: `${input}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}` });
        continue;
      }
      if (stat.isDirectory()) {
        folders.push(abs);
        const problems: WalkProblem[] = [];
        for (const f of walkFiles(abs, problems)) targets.push({ file: f, explicit: false });
        for (const p of problems) notices.push({ file: p.path, message: `${p.path}: ${p.message}` });
      } else targets.push({ file: abs, explicit: true });
    }

    const index = profileIndexFor(targets, folders);

    const items: Diagnostic[] = [];
    const configs = new Map<string, ProjectConfig>();
    const configsReported = new Set<string>();
    let filesChecked = 0;
    const progress = io.stderrIsTty && targets.length > 50;
    for (let n = 0; n < targets.length; n++) {
      const { file, explicit } = targets[n];
      if (progress && n % 25 === 0) (io.status ?? io.stderr)(`\rchecking ${n}/${targets.length} files`);
      let head: string;
      try {
        head = readPrefix(file, RECOGNIZE_PREFIX);
      } catch (err) {
        notices.push({ file, message: `${displayPath(file, io.cwd)}: ${err instanceof InputFileError ? err.problem : `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`}` });
        continue;
      }
      const service = serviceWithProfiles(file, head, index);
      if (!service) {
        if (explicit) notices.push({ file, message: `${displayPath(file, io.cwd)}: not a file microagent checks (asc_config.h, *.dist, nx_user.h, baselines, profiles, feeds)` });
        continue;
      }
      const dir = path.dirname(file);
      let project = configs.get(dir);
      if (!project) {
        project = loadProjectConfig(file, diskFiles);
        configs.set(dir, project);
      }
      const limits = withMaxFileSizes(defaultInputLimits, project.maxFileSize, sizeFlags);
      let text: string;
      try {
        text = head.length < RECOGNIZE_PREFIX ? head : readInputText(file, inputKindOfPath(file), limits);
      } catch (err) {
        notices.push({ file, message: `${displayPath(file, io.cwd)}: ${err instanceof InputFileError ? err.problem : `cannot read: ${(err as Error).message}`}` });
        continue;
      }
      // A broken config file is reported once, as its own diagnostics, and its valid entries still apply.
      if (project.path && !configsReported.has(project.path)) {
        configsReported.add(project.path);
        appendAll(items, applySeverityOverrides(project.problems, project.severityOverrides));
      }
      const doc = new SourceDocument(file, text);
      // A profile's paths leading out of its project are read and reported (MA307), as the editor reports them.
      const workspace = isProfilePath(file) ? { roots: [cliWorkspaceOf(file)], reader: 'cli' as const, trusted: true } : undefined;
      const outcome = checkDocument(doc, { settings: defaultSettings, files: diskFileAccess(limits), workspaceRoot: project.root ?? io.cwd, workspace }, project, service);
      if (outcome.failure) {
        notices.push({ file, message: outcome.failure });
        continue;
      }
      filesChecked++;
      appendAll(items, outcome.diagnostics);
    }
    if (progress) (io.status ?? io.stderr)(`\r${' '.repeat(40)}\r`);

    const report: Report = { toolName: 'microagent', toolVersion: toolVersion(), cwd: io.cwd, items, filesChecked, notices };
    const body = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report) : formatText(report);
    for (const n of notices) io.stderr(`microagent check: ${n.message}\n`);
    if (output) {
      try {
        writeOutputFile(path.resolve(io.cwd, output), body);
      } catch (err) {
        io.stderr(`microagent check: cannot write ${output}: ${(err as Error).message}\n`);
        return 2;
      }
    } else io.stdout(body);
    if (format === 'text' || output) io.stderr(`${summaryLine(report)}\n`);
    // A CI job pointed at the wrong folder must not pass: finding nothing to check is an error unless asked for.
    const empty = filesChecked === 0 && notices.length === 0;
    if (empty) {
      io.stderr(allowEmpty
        ? 'microagent check: no file to check was found (--allow-empty: not an error)\n'
        : `microagent check: nothing to check: no agent configuration (asc_config.h, *.dist, nx_user.h), baseline, profile or feed found in ${inputs.join(', ')}. Pass --allow-empty if that is expected.\n`);
    }

    const counts = countSeverities(items);
    if (notices.length > 0) return 2;
    if (empty && !allowEmpty) return 2;
    if (counts.error > 0) return 1;
    if (maxWarnings !== undefined && counts.warning > maxWarnings) {
      io.stderr(`microagent check: ${counts.warning} warnings, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  },
};

/** Reads the profiles among the targets (and, for a file named alone, the profiles in its folder and above it),
 *  and adds the feeds they name inside a checked folder to the targets, even in
 *  folders a walk skips: the profile named them. A feed outside every checked folder is left to its own check. */
function profileIndexFor(targets: Target[], folders: string[]): ProfileFeedIndex {
  const index = new ProfileFeedIndex();
  index.addProfiles(targets.map((t) => t.file), diskFiles);
  const listed = new Map<string, string[]>();
  for (const t of targets) if (t.explicit) for (const p of profilesAbove(t.file, listed)) if (!index.has(p)) index.update(p, diskFiles.readText(p));
  const have = new Set(targets.map((t) => t.file));
  const under = (file: string, dir: string) => { const rel = path.relative(dir, file); return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel); };
  for (const f of index.feeds().sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (!have.has(f.path) && folders.some((d) => under(f.path, d)) && diskFiles.exists(f.path)) {
      targets.push({ file: f.path, explicit: false });
      have.add(f.path);
    }
  }
  return index;
}


export default checkCommand;
