// The alert panel's messages, both ways, in the one module the extension host and the webview page import.
// No vscode import: the page is bundled from it too.
import type { Finding, SourceLocation } from '../../src-core/findings/finding';
import type { SimulationResult } from '../../src-core/simulator/simulation-types';

/** One simulation run as the panel shows it: the result (ground-truth flow lists left out) and where it came from. */
export interface PanelRun {
  result: SimulationResult;
  /** What was simulated, as the user would name it ("microagent.json", "capture.pcap"). */
  title: string;
  /** The profile or capture simulated (absolute path), for re-running it. */
  target: string;
  /** Device addresses given for a capture nothing could tell the device of. */
  deviceIps?: string[];
  /** Epoch milliseconds the run finished. */
  finishedAt: number;
  /** The workspace folder paths are shown relative to. */
  root?: string;
  configSource: string;
}

export type ExportFormat = 'sarif' | 'json' | 'html';

/** Extension host -> page. */
export type HostMessage =
  | { type: 'run'; run: PanelRun | undefined }
  | { type: 'running'; running: boolean; detail?: string }
  | { type: 'select'; findingId: string };

/** Page -> extension host. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'open'; location: SourceLocation }
  | { type: 'rerun' }
  | { type: 'runSimulation' }
  | { type: 'export'; format: ExportFormat }
  | { type: 'createProfile' }
  | { type: 'stateChanged'; state: unknown };

export function isPageMessage(m: unknown): m is PageMessage {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'open') {
    const l = (m as { location?: Partial<SourceLocation> }).location;
    return !!l && typeof l.file === 'string' && !!l.range && typeof l.range.start?.line === 'number' && typeof l.range.start?.character === 'number';
  }
  if (t === 'export') return ['sarif', 'json', 'html'].includes((m as { format?: string }).format ?? '');
  return t === 'ready' || t === 'rerun' || t === 'runSimulation' || t === 'createProfile' || t === 'stateChanged';
}

/** The result without what the panel never shows (each device's listed ground-truth flows), to keep messages small. */
export function panelResult(result: SimulationResult): SimulationResult {
  return { ...result, devices: result.devices.map((d) => ({ ...d, truth: { ...d.truth, flowsListed: [], flowsNotListed: d.truth.flows } })) };
}

export type { Finding };
