// The simulator's public surface in one import (also the entry of the bench bundle, bench/dist/agent.js).
export { runSimulation, parseDeviceAddresses, guessDeviceAddress } from './run-simulation';
export type { SimulationInput, SimulationResult, DeviceResult, DeviceSpec, InputSummary } from './simulation-types';
export { rtosBaseAgentConfig } from '../config/agent-config';
export { loadDetectionInputs } from './detection-inputs';
export { loadAgentConfig } from './agent-config-loader';
