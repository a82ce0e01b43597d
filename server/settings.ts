// Settings per document, asked of the client with workspace/configuration and cached by URI until they change.
import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, resolveSettings, type ProjectSettings } from '../src-core/language/settings';

export const SETTINGS_SECTION = 'microAgent';

export class SettingsCache {
  private readonly cache = new Map<string, Promise<ProjectSettings>>();
  /** For clients that cannot answer workspace/configuration: what didChangeConfiguration last pushed. */
  private pushed: ProjectSettings = defaultSettings;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<ProjectSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw) => resolveSettings(raw ?? undefined),
        (err) => {
          this.connection.console.warn(`workspace/configuration failed for ${uri}: ${err?.message ?? err}; using defaults`);
          this.cache.delete(uri);
          return defaultSettings;
        },
      );
      this.cache.set(uri, p);
    }
    return p;
  }

  drop(uri: string): void {
    this.cache.delete(uri);
  }

  /** didChangeConfiguration: forget everything; keep what a push-only client sent. */
  changed(settingsPayload: unknown): void {
    this.cache.clear();
    if (!this.canPull()) {
      const section = (settingsPayload as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      this.pushed = resolveSettings(section && typeof section === 'object' ? (section as Record<string, unknown>) : undefined);
    }
  }
}
