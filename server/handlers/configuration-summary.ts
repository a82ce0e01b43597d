// microAgent/configurationSummary: the configuration in effect for a configuration file, open or not.
import { configFileKind } from '../../src-core/config/read-config';
import { configurationSummary, type ConfigurationSummary } from '../../src-core/config/services/summary';
import { CONFIGURATION_SUMMARY_REQUEST, type ConfigurationSummaryParams } from '../../src-core/language/protocol-ext';
import { effectiveSettings } from '../../src-core/check/check-document';
import type { ServerContext } from '../context';
import { uriToPath } from '../files';
import { placeInWorkspace } from '../../src-core/util/workspace-bounds';

export function registerConfigurationSummary(s: ServerContext): void {
  s.connection.onRequest(CONFIGURATION_SUMMARY_REQUEST, (params: ConfigurationSummaryParams) =>
    s.guard<ConfigurationSummary | null>('configuration summary', null, async () => {
      const file = uriToPath(params.uri);
      s.faults.inject('summary', file);
      // The view asks for the file a profile names: one outside the workspace is not read (docs/server.md).
      if (!s.buffers.isOpen(file) && s.workspaceFolders.length && !placeInWorkspace(file, s.workspaceFolders).inside) return null;
      const text = s.buffers.readText(file, 'configuration');
      if (text === undefined) return null;
      const kind = configFileKind(file, text);
      if (kind !== 'header' && kind !== 'dist') return null;
      const { ctx, project } = await s.checkContext(file, await s.settings.get(params.uri));
      return configurationSummary(file, text, { ...ctx, settings: effectiveSettings(ctx.settings, project) });
    }),
  );
}
