// The agent model's public surface in one import (also the entry of the bench bundle, bench/dist/agent.js).
export { AgentModel } from './agent';
export type { AgentReport, AgentOptions, CycleReport, CycleOutcome } from './agent';
export { parseDeviceAddresses, guessDeviceAddress } from './device-guess';
export { feedConnLog } from './conn-log-packets';
export { detectInputKind } from './input-kind';
export { loadProfile } from './profile-loader';
export { rtosBaseAgentConfig } from '../config/agent-config';
