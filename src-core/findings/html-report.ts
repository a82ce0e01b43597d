// PLACEHOLDER until the HTML report lands (see the findings view model).
import type { SimulationResult } from '../simulator/simulation-types';

export interface HtmlReportOptions { configSource: string; cwd: string; toolVersion: string }

export function simulationHtml(result: SimulationResult, _options: HtmlReportOptions): string {
  return `<!doctype html><title>microagent</title><p>${result.findings.length} findings</p>\n`;
}
