// The shape of one `microagent` command: its help text and its entry point.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress lines are shown only then). */
  stderrIsTty: boolean;
  /** A progress line on the terminal, written as it is (its carriage return and erase-line sequence are
   *  meant); stdout and stderr escape control characters (main). Absent: stderr. */
  status?: (text: string) => void;
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `microagent --help`. */
  summary: string;
  /** Full help for `microagent <name> --help`. */
  help: string;
  /** Returns the exit status: 0 fine, 1 findings at error level, 2 bad usage or unreadable input. */
  run(args: string[], io: CliIo): Promise<number>;
}
