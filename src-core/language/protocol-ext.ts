// The project's own additions to LSP, in the one module the client and the server both import.

/** workspace/executeCommand: checks every recognised file in the workspace folders, open or not,
 *  publishing diagnostics for each, and answers a WorkspaceCheckResult. */
export const CHECK_WORKSPACE_COMMAND = 'microAgent.checkWorkspace';

export interface WorkspaceCheckResult {
  filesChecked: number;
  filesWithProblems: number;
  errors: number;
  warnings: number;
  /** Files that could not be read or checked, with why. */
  notices: string[];
  cancelled: boolean;
}

export interface ServerInitializationOptions {
  /** The VS Code client registers its own command for CHECK_WORKSPACE_COMMAND (to show progress), so the
   *  server must not advertise it in executeCommandProvider (vscode-languageclient would register it twice). */
  clientRegistersCommands?: boolean;
  /** URI of the folder holding the rule pages (rules.md, agent-facts.md): the installed extension's docs/. The
   *  server links each diagnostic's code to its rule there (LSP codeDescription.href); without it, the docs
   *  beside the server's bundle, if any. */
  docsUri?: string;
  /** False in an untrusted workspace (VS Code's Restricted Mode): the server then opens no file a profile names
   *  (it only looks whether one inside the workspace exists) and ignores the project's `maxFileSize`. Absent:
   *  trusted (editors without workspace trust). WORKSPACE_TRUSTED_NOTIFICATION says when trust is granted. */
  trusted?: boolean;
}

/** Notification, client to server, no params: the user trusted the workspace; the server reads what it left out. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'microAgent/workspaceTrusted';

/** Request: the configuration in effect for a configuration file (asc_config.h, a dist file), for the
 *  editor's configuration view. Answers null for a file that is not an agent configuration. */
export const CONFIGURATION_SUMMARY_REQUEST = 'microAgent/configurationSummary';

export interface ConfigurationSummaryParams {
  /** The configuration file's URI. */
  uri: string;
}
