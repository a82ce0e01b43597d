// The CLI's commands. Each command lives in its own file and is loaded only when run.
import type { CliCommand } from '../command';

export const commands: Record<string, () => Promise<CliCommand>> = {
  check: async () => (require('./check') as typeof import('./check')).checkCommand,
  gen: async () => (require('./gen') as typeof import('./gen')).genCommand,
  decode: async () => (require('./decode') as typeof import('./decode')).decodeCommand,
  simulate: async () => (require('./simulate') as typeof import('./simulate')).simulateCommand,
  learn: async () => (require('./learn') as typeof import('./learn')).learnCommand,
  demo: async () => (require('./demo') as typeof import('./demo')).demoCommand,
};
