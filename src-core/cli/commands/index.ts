// The CLI's commands. Each command lives in its own file and is loaded only when run.
import type { CliCommand } from '../command';

export const commands: Record<string, () => Promise<CliCommand>> = {
};
