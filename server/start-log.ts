// The first lines of the server's log (the editor's output channel): which server started, and the settings it
// works from in each workspace folder, the project's .microagent/config.json included. A restart writes them
// again, so the log shows each start. What each agent configuration uses follows the workspace check.
import * as path from 'node:path';
import { effectiveSettings } from '../src-core/check/check-document';
import { settingsInUse } from '../src-core/config/services/in-use';
import type { ServerContext } from './context';

export async function logStart(s: ServerContext, name: string, version: string): Promise<void> {
  const lines = [`${name} ${version} started (process ${process.pid}, Node.js ${process.version})${s.trusted ? '' : '; the workspace is not trusted: files a profile names are not read'}`];
  for (const folder of s.workspaceFolders) {
    // A file's settings are the editor's, then its project's config file: a file at the folder's root stands for it.
    const { ctx, project } = await s.checkContext(path.join(folder, '.settings'), await s.settings.get(s.buffers.uriFor(folder)));
    const from = project.path ? ` (with ${path.relative(folder, project.path).split(path.sep).join('/')})` : '';
    lines.push(`  ${folder}${from}: ${settingsInUse(effectiveSettings(ctx.settings, project))}`);
  }
  if (!s.workspaceFolders.length) lines.push('  no workspace folder: each file is checked with the editor\'s settings and its own project\'s config file');
  s.connection.console.info(lines.join('\n'));
}
