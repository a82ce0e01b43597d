// The state every handler shares: the connection, open documents, client features, settings and last results.
import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceDocument } from '../src-core/language/document';
import type { CheckContext } from '../src-core/language/service';
import type { Diagnostic } from '../src-core/language/types';
import { loadProjectConfig, isProjectConfigPath, parseProjectConfig, type ProjectConfig } from '../src-core/project-config/config-file';
import { checkDocument, effectiveSettings, type CheckOutcome } from '../src-core/check/check-document';
import { isProfilePath, serviceWithProfiles } from '../src-core/check/profile-feeds';
import type { DocumentService } from '../src-core/language/service';
import { applySeverityOverrides } from '../src-core/language/severity';
import type { ProjectSettings } from '../src-core/language/settings';
import { BufferIndex, uriToPath } from './files';
import type { ClientFeatures } from './convert';
import type { SettingsCache } from './settings';
import { WorkspaceProfileFeeds } from './profile-feeds';

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
  /** Which files the workspace's simulation profiles name as feeds (built on first need, kept current). */
  readonly profileFeeds: WorkspaceProfileFeeds;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly features: ClientFeatures,
    readonly settings: SettingsCache,
    readonly pullDiagnostics: boolean,
  ) {
    this.buffers = new BufferIndex(documents);
    this.profileFeeds = new WorkspaceProfileFeeds(() => this.workspaceFolders, this.buffers,
      () => this.documents.all().map((d) => uriToPath(d.uri)).filter(isProfilePath));
  }

  /** The service for a file: its own kind, or a feed in the format a workspace profile gives it. */
  serviceFor(file: string, text: string): DocumentService | undefined {
    return serviceWithProfiles(file, text, () => this.profileFeeds.get());
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
    return { ctx: { settings, files: this.buffers, workspaceRoot: this.workspaceRootFor(file) ?? project.root ?? path.dirname(file) }, project };
  }

  /** Context for hover, completion and symbols: the services see the same merged settings as validation. */
  async featureContext(uri: string): Promise<{ doc: SourceDocument; ctx: CheckContext } | undefined> {
    const td = this.documents.get(uri);
    if (!td) return undefined;
    const file = uriToPath(uri);
    const { ctx, project } = await this.checkContext(file, await this.settings.get(uri));
    return { doc: new SourceDocument(file, td.getText(), td.version), ctx: { ...ctx, settings: effectiveSettings(ctx.settings, project) } };
  }

  /** Validates a text (open buffer or file on disk) and logs slow or failing checks. */
  async check(file: string, text: string, settings: ProjectSettings, version?: number): Promise<CheckOutcome> {
    const doc = new SourceDocument(file, text, version);
    const { ctx, project } = await this.checkContext(file, settings);
    let outcome: CheckOutcome;
    if (isProjectConfigPath(file)) {
      // The shared config file is checked by the server itself: no service owns it.
      const parsed = parseProjectConfig(file, text);
      outcome = { diagnostics: applySeverityOverrides(parsed.problems, effectiveSettings(settings, parsed).severityOverrides), elapsedMs: 0 };
    } else outcome = checkDocument(doc, ctx, project, this.serviceFor(file, text));
    if (outcome.failure) this.connection.console.error(outcome.failure);
    if (outcome.elapsedMs > VALIDATION_BUDGET_MS) {
      this.connection.console.warn(`validating ${file} took ${Math.round(outcome.elapsedMs)} ms, over the ${VALIDATION_BUDGET_MS} ms budget`);
    }
    return outcome;
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
