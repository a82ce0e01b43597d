// The state every handler shares: the connection, open documents, client features, settings and last results.
import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceDocument } from '../src-core/language/document';
import type { CheckContext } from '../src-core/language/service';
import type { Diagnostic } from '../src-core/language/types';
import { loadProjectConfig, isProjectConfigPath, parseProjectConfig, type ProjectConfig } from '../src-core/project-config/config-file';
import { checkDocumentSteps, effectiveSettings, type CheckOutcome } from '../src-core/check/check-document';
import { runCooperatively } from './cooperative';
import { loweredOnly } from '../src-core/project-config/content-limits';
import { isProfilePath, serviceWithProfiles } from '../src-core/check/profile-feeds';
import type { DocumentService } from '../src-core/language/service';
import { applySeverityOverrides } from '../src-core/language/severity';
import type { ProjectSettings } from '../src-core/language/settings';
import { BufferIndex, serverDefaultLimits, uriToPath } from './files';
import { withMaxFileSizes, type InputLimits } from '../src-core/util/input-limits';
import { cliWorkspaceOf } from '../src-core/util/workspace-bounds';
import type { ClientFeatures } from './convert';
import type { SettingsCache } from './settings';
import { WorkspaceProfileFeeds } from './profile-feeds';
import { internalErrorDiagnostic } from './internal-error';
import { TestFaults } from './test-faults';

/** A text this long is said in the log to be checked in slices (cooperative.ts). */
const LARGE_TEXT = 1 << 20;

/** Validation slower than this is logged with the file's name (a frozen editor is worse than a late squiggle). */
export const VALIDATION_BUDGET_MS = 2000;

export interface LastCheck {
  version: number;
  diagnostics: Diagnostic[];
}

export class ServerContext {
  readonly buffers: BufferIndex;
  workspaceFolders: string[] = [];
  /** The last diagnostics computed per open URI, for code actions and pull requests. */
  readonly lastChecks = new Map<string, LastCheck>();
  /** The check under way of each open URI (checkOpen). */
  private readonly runningChecks = new Map<string, { version?: number; inputs: number; outcome: Promise<CheckOutcome> }>();
  /** Counts changes of what a check reads besides the document (settings, nx_user.h, the project file, profiles,
   *  trust; DiagnosticsHandler.recheckOpen): a check started before one answers for the old inputs. */
  inputsGeneration = 0;
  /** The SourceDocument of each open URI's current version (openDocument). */
  private readonly snapshots = new Map<string, SourceDocument>();
  /** Which files the workspace's simulation profiles name as feeds (built on first need, kept current). */
  readonly profileFeeds: WorkspaceProfileFeeds;
  /** The client's workspace trust (VS Code's Restricted Mode is untrusted; clients that say nothing are trusted).
   *  Untrusted: no file a profile names is opened, and the project's `maxFileSize` is not applied. */
  trusted = true;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly features: ClientFeatures,
    readonly settings: SettingsCache,
    readonly pullDiagnostics: boolean,
    /** Test-only faults (MICROAGENT_TEST_FAULT); none outside tests. */
    readonly faults: TestFaults = TestFaults.none(),
  ) {
    this.buffers = new BufferIndex(documents);
    // An old version's document (and what was kept for it) goes as soon as the buffer changes or closes.
    documents.onDidChangeContent((e) => {
      if (this.snapshots.get(e.document.uri)?.version !== e.document.version) this.snapshots.delete(e.document.uri);
    });
    documents.onDidClose((e) => this.snapshots.delete(e.document.uri));
    this.profileFeeds = new WorkspaceProfileFeeds(() => this.workspaceFolders, this.buffers,
      () => this.documents.all().map((d) => uriToPath(d.uri)).filter(isProfilePath));
  }

  /** The service for a file: its own kind, or a feed in the format a workspace profile gives it. */
  serviceFor(file: string, text: string): DocumentService | undefined {
    // Untrusted: a profile does not decide how other files are read (a file is checked for what it is by itself).
    return serviceWithProfiles(file, text, this.trusted ? () => this.profileFeeds.get() : undefined);
  }

  /** The workspace folder holding `file` (the deepest one), which relative settings resolve against. */
  workspaceRootFor(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.workspaceFolders) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  async checkContext(file: string, settings: ProjectSettings): Promise<{ ctx: CheckContext; project: ProjectConfig }> {
    const project = loadProjectConfig(file, this.buffers);
    const inFolder = this.workspaceRootFor(file);
    return {
      ctx: {
        settings,
        files: this.buffers.withLimits(this.limitsFor(project)),
        workspaceRoot: inFolder ?? project.root ?? path.dirname(file),
        // A file in no workspace folder (opened on its own) has its project folder as its workspace.
        workspace: { roots: inFolder ? this.workspaceFolders : [cliWorkspaceOf(file)], reader: 'editor', trusted: this.trusted },
      },
      // Untrusted, the project may lower the content limits but not raise them (as maxFileSize, below).
      project: this.trusted || !project.limits ? project : { ...project, limits: loweredOnly(project.limits) },
    };
  }

  /** The file-size limits for files of a project: its config file's `maxFileSize`, unless the workspace is
   *  untrusted (a cloned repository must not raise what the editor reads). */
  limitsFor(project: ProjectConfig): InputLimits {
    return this.trusted && project.maxFileSize ? withMaxFileSizes(serverDefaultLimits, project.maxFileSize) : serverDefaultLimits;
  }

  /**
   * The SourceDocument of an open buffer's current version, the same one for its check, hover, completion,
   * symbols and code actions: what one of them computed from it (its line index, the configuration the check
   * read, load.ts) the others reuse, so a hover on a checked 50 MB header does not read it again. A change or
   * a close drops it (and with it what was kept for it).
   */
  openDocument(uri: string): SourceDocument | undefined {
    const td = this.documents.get(uri);
    if (!td) {
      this.snapshots.delete(uri);
      return undefined;
    }
    const text = td.getText();
    const known = this.snapshots.get(uri);
    if (known && known.version === td.version && known.text === text) return known;
    const doc = new SourceDocument(uriToPath(uri), text, td.version);
    this.snapshots.set(uri, doc);
    return doc;
  }

  /** Context for hover, completion and symbols: the services see the same merged settings as validation. */
  async featureContext(uri: string): Promise<{ doc: SourceDocument; ctx: CheckContext } | undefined> {
    if (!this.documents.get(uri)) return undefined;
    const file = uriToPath(uri);
    const { ctx, project } = await this.checkContext(file, await this.settings.get(uri));
    // Taken after the settings wait: the buffer may have changed meanwhile.
    const doc = this.openDocument(uri);
    return doc && { doc, ctx: { ...ctx, settings: effectiveSettings(ctx.settings, project) } };
  }

  /**
   * Validates a text (an open buffer's openDocument, or a file on disk) and logs slow or failing checks. Never
   * throws: a check that fails, anywhere in the pipeline, gives the file one MA000 diagnostic (the stack goes to
   * the log), and every other file is still checked.
   */
  async check(file: string, source: string | SourceDocument, settings: ProjectSettings, version?: number, cancelled?: () => boolean): Promise<CheckOutcome> {
    const started = performance.now();
    const text = typeof source === 'string' ? source : source.text;
    let outcome: CheckOutcome;
    try {
      this.faults.inject('validate', file);
      const doc = typeof source === 'string' ? new SourceDocument(file, text, version) : source;
      const { ctx, project } = await this.checkContext(file, settings);
      if (isProjectConfigPath(file)) {
        // The shared config file is checked by the server itself: no service owns it.
        const parsed = parseProjectConfig(file, text);
        outcome = { diagnostics: applySeverityOverrides(parsed.problems, effectiveSettings(settings, parsed).severityOverrides), elapsedMs: 0 };
      } else {
        // A large file is checked in slices between which other requests are served (cooperative.ts); it stops
        // at a pause once `cancelled` says the document changed.
        if (text.length >= LARGE_TEXT) this.connection.console.info(`checking ${file} (${(text.length / 2 ** 20).toFixed(1)} MiB) in slices, between other requests`);
        const run = await runCooperatively(checkDocumentSteps(doc, ctx, project, this.serviceFor(file, text)), cancelled);
        if (!run.done) return { diagnostics: [], elapsedMs: performance.now() - started, cancelled: true };
        outcome = run.value;
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      outcome = { diagnostics: [], elapsedMs: performance.now() - started, failure: `${file}: checking failed: ${msg}`, failureStack: (err as Error)?.stack };
    }
    if (outcome.failure) {
      this.connection.console.error(`${outcome.failure}${outcome.failureStack ? `\n${outcome.failureStack}` : ''}`);
      outcome = { ...outcome, diagnostics: [internalErrorDiagnostic(file, text, outcome.failure)] };
    }
    if (outcome.elapsedMs > VALIDATION_BUDGET_MS) {
      this.connection.console.warn(`validating ${file} took ${Math.round(outcome.elapsedMs)} ms, over the ${VALIDATION_BUDGET_MS} ms budget`);
    }
    return outcome;
  }

  /**
   * Checks the current version of an open document, or waits for the check of that version already under way
   * (started for the same inputs) instead of starting a second one: on a 50 MB header the scheduled check and a
   * code action asked for meanwhile would otherwise each read the file whole. The check stops at a pause once
   * `cancelled` says so or the document changes; undefined when the document is not open.
   */
  async checkOpen(uri: string, settings: ProjectSettings, cancelled?: () => boolean): Promise<CheckOutcome | undefined> {
    for (;;) {
      const doc = this.openDocument(uri);
      if (!doc) return undefined;
      const running = this.runningChecks.get(uri);
      if (running && running.version === doc.version && running.inputs === this.inputsGeneration) {
        const outcome = await running.outcome;
        // Stopped by its own caller (a cancelled pull): this caller still wants an answer.
        if (outcome.cancelled && this.documents.get(uri)?.version === doc.version && !cancelled?.()) continue;
        return outcome;
      }
      const moot = () => cancelled?.() === true || this.documents.get(uri)?.version !== doc.version;
      const entry = { version: doc.version, inputs: this.inputsGeneration, outcome: this.check(doc.path, doc, settings, doc.version, moot) };
      this.runningChecks.set(uri, entry);
      try {
        return await entry.outcome;
      } finally {
        if (this.runningChecks.get(uri) === entry) this.runningChecks.delete(uri);
      }
    }
  }

  /** Runs `fn`, logging any exception and answering `fallback`: a bad file must never take the server down. */
  async guard<T>(what: string, fallback: T, fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.connection.console.error(`${what} failed: ${(err as Error)?.stack ?? err}`);
      return fallback;
    }
  }
}
