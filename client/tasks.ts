// The "microagent" task type: `microagent check` over a workspace folder as a build task whose output the
// `$microagent` problem matcher reads into the Problems panel, like a compiler's; and `microagent simulate`
// on each profile, failing on the findings the microAgent.simulation.failOn setting names.
import * as vscode from 'vscode';
import { readSimulationSettings } from './settings';
import { PROFILE_GLOB } from './simulation/run-command';

export const TASK_TYPE = 'microagent';

export interface MicroAgentTaskDefinition extends vscode.TaskDefinition {
  command: 'check' | 'simulate';
  /** check: files or folders (default the folder); simulate: the profile. */
  paths?: string[];
  /** More command-line arguments. */
  args?: string[];
}

export class MicroAgentTasks implements vscode.TaskProvider {
  constructor(private readonly cli: string) {}

  private task(def: MicroAgentTaskDefinition, folder: vscode.WorkspaceFolder, name: string): vscode.Task {
    const args = def.command === 'check'
      ? ['check', ...(def.paths?.length ? def.paths : ['.']), ...(def.args ?? [])]
      : ['simulate', '--profile', def.paths?.[0] ?? 'microagent.json', '--fail-on', readSimulationSettings(folder.uri).failOn, ...(def.args ?? [])];
    const exec = new vscode.ProcessExecution(process.execPath, [this.cli, ...args], { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const t = new vscode.Task(def, folder, name, 'microagent', exec, def.command === 'check' ? ['$microagent'] : []);
    if (def.command === 'check') t.group = vscode.TaskGroup.Build;
    t.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
    return t;
  }

  async provideTasks(): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      tasks.push(this.task({ type: TASK_TYPE, command: 'check' }, folder, `check ${folder.name}`));
      for (const p of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, PROFILE_GLOB), '**/node_modules/**', 20)) {
        const rel = vscode.workspace.asRelativePath(p, false);
        tasks.push(this.task({ type: TASK_TYPE, command: 'simulate', paths: [rel] }, folder, `simulate ${rel}`));
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition as MicroAgentTaskDefinition;
    const folder = task.scope && typeof task.scope === 'object' ? (task.scope as vscode.WorkspaceFolder) : vscode.workspace.workspaceFolders?.[0];
    if (!folder || (def.command !== 'check' && def.command !== 'simulate')) return undefined;
    return this.task(def, folder, task.name);
  }
}
