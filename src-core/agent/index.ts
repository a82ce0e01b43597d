// The agent model's public surface in one import.
export { AgentModel } from './agent';
export type { AgentReport, AgentOptions, CycleReport, CycleOutcome, PoolLeak } from './agent';
export type { HubEvent, SendEvent, ModuleState, StateChange } from './state-machine';
export { parseDeviceAddresses, guessDeviceAddress } from './device-guess';
export { feedConnLog } from './conn-log-packets';
export { detectInputKind } from './input-kind';
export { loadProfile } from './profile-loader';
export { rtosBaseAgentConfig } from '../config/agent-config';
