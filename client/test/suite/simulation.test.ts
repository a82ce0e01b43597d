// Proves the simulation works in a real VS Code on the repository's example workspace: Run Simulation on its
// profile, a finding of each kind, the findings as diagnostics at the rule, feed and configuration lines
// (apart from the checker's), a code lens on the rule that fired, a quick fix that applies, the panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runCliSimulation } from '../../simulation/cli-runner';
import { renderRun } from '../../commands/export-run';
import type { PanelRun } from '../../panel/protocol';
import { needsDeviceAddress, simulationNeedsTrust, targetOf } from '../../simulation/run-command';
import { EXTENSION_ID, codeOf, expectations, extensionReady, until, workspaceRoot } from './helpers';

const SOURCE = 'Micro Agent simulation';

interface SimulationApi {
  store: { current?: { finishedAt: number; result: { findings: { code: string; kind: string; id: string; locations: { file: string }[] }[] } } };
  panel: { visible: boolean };
  statusBar: { text: string };
  cli: string;
}

function api(): SimulationApi {
  return (vscode.extensions.getExtension(EXTENSION_ID)!.exports as { simulation: SimulationApi }).simulation;
}

const file = (rel: string) => vscode.Uri.file(path.join(workspaceRoot(), rel));

export function registerSimulationSuite(): void {
  suite('simulation', () => {
    test('Run Simulation on the example profile raises an alert, a recommendation and a hint', async () => {
      const e = expectations().simulation;
      await extensionReady();
      await vscode.commands.executeCommand('microAgent.runSimulation', file(e.profile));
      const run = await until(() => api().store.current, 'the simulation to finish', () => 'no run yet', 120000);
      const codes = new Set(run.result.findings.map((f) => f.code));
      for (const c of e.codes) assert.ok(codes.has(c), `no ${c} among ${[...codes].join(', ')}`);
      const kinds = new Set(run.result.findings.map((f) => f.kind));
      for (const k of ['alert', 'recommendation', 'hint']) assert.ok(kinds.has(k), `no ${k} among the findings`);
      await until(() => api().panel.visible, 'the alert panel to open');
    });

    test('findings are diagnostics at the rule, the feed line and the configuration line, apart from the checker\'s', async () => {
      const e = expectations().simulation;
      for (const [rel, at] of Object.entries(e.diagnostics)) {
        const doc = await vscode.workspace.openTextDocument(file(rel));
        const ours = await until(() => {
          const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === SOURCE && codeOf(x) === at.code);
          return d.length > 0 && d;
        }, `${at.code} from the simulation on ${rel}`, () => vscode.languages.getDiagnostics(doc.uri).map((x) => `${x.source} ${codeOf(x)}`).join(', '));
        assert.ok(ours.some((d) => doc.getText(d.range).includes(at.text)), `${at.code} on ${rel} does not cover "${at.text}": ${ours.map((d) => JSON.stringify(doc.getText(d.range))).join(', ')}`);
      }
    });

    test('a code lens above the baseline rule that fired says how often', async () => {
      const e = expectations().simulation;
      const doc = await vscode.workspace.openTextDocument(file(e.rule.file));
      const lenses = await until(async () => {
        const got = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        return got?.some((l) => l.command?.title.startsWith('fired')) && got;
      }, 'a "fired" code lens on the baseline');
      const fired = lenses.find((l) => l.command?.title.startsWith('fired'))!;
      assert.equal(fired.range.start.line, e.rule.line, `the lens sits on line ${fired.range.start.line + 1}, not on the rule's line ${e.rule.line + 1}`);
    });

    test('the cache finding\'s quick fix sets the size that would have held the busiest cycle', async () => {
      const e = expectations().simulation;
      const doc = await vscode.workspace.openTextDocument(file(e.fix.file));
      await vscode.window.showTextDocument(doc);
      const d = vscode.languages.getDiagnostics(doc.uri).find((x) => x.source === SOURCE && codeOf(x) === e.fix.code);
      assert.ok(d, `no ${e.fix.code} on ${e.fix.file}`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
      const fix = actions?.find((a) => a.title.startsWith(e.fix.titleStarts));
      assert.ok(fix?.edit, `no quick fix "${e.fix.titleStarts}...": ${actions?.map((a) => a.title).join('; ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit did not apply');
      assert.match(doc.lineAt(d.range.start.line).text, new RegExp(e.fix.lineAfter));
      // Leave the workspace as it was for the UI checks.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    test('once the file is edited, the fix is not offered (its range would land elsewhere): re-run instead; undone, it is back', async () => {
      const e = expectations().simulation;
      const doc = await vscode.workspace.openTextDocument(file(e.fix.file));
      const editor = await vscode.window.showTextDocument(doc);
      const d = vscode.languages.getDiagnostics(doc.uri).find((x) => x.source === SOURCE && codeOf(x) === e.fix.code);
      assert.ok(d, `no ${e.fix.code} on ${e.fix.file}`);
      const titles = async () => ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range)) ?? []).map((a) => a.title);
      const isFix = (t: string) => t.startsWith(e.fix.titleStarts);
      assert.ok((await titles()).some(isFix), `the control: no quick fix "${e.fix.titleStarts}..." before the edit`);
      try {
        assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '/* a line added above the option */\n')), 'the edit did not apply');
        const after = await titles();
        assert.ok(!after.some(isFix), `the fix is still offered after a line was added above it: ${after.join('; ')}`);
        assert.ok(after.some((t) => t.startsWith('Re-run the simulation')), `no re-run action in its place: ${after.join('; ')}`);
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      assert.ok((await titles()).some(isFix), 'the fix is not offered again once the file reads as the run read it');
    });

    test('the last run exports as SARIF 2.1.0 (paths relative to the folder), JSON and a self-contained HTML report, each with every finding', async () => {
      const e = expectations().simulation;
      if (!api().store.current) {
        await vscode.commands.executeCommand('microAgent.runSimulation', file(e.profile));
        await until(() => api().store.current, 'a run first', () => 'no run yet', 120000);
      }
      const run = api().store.current as unknown as PanelRun;
      const codes = run.result.findings.map((f) => f.code);
      assert.ok(codes.length > 0, 'the run has findings to export');
      const sarif = JSON.parse(renderRun(run, 'sarif', '0.0.0-test')) as { version: string; runs: { results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      assert.equal(sarif.version, '2.1.0');
      assert.deepEqual(sarif.runs[0].results.map((r) => r.ruleId), codes);
      const uris = sarif.runs[0].results.flatMap((r) => r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri);
      assert.ok(uris.length > 0 && uris.every((u) => !u.startsWith('/') && !u.startsWith('file:')), `SARIF locations are not relative to the folder: ${uris.slice(0, 3).join(', ')}`);
      const json = JSON.parse(renderRun(run, 'json', '0.0.0-test')) as PanelRun['result'];
      assert.deepEqual(json.findings, run.result.findings);
      const html = renderRun(run, 'html', '0.0.0-test');
      assert.match(html, /^<!DOCTYPE html>/i);
      for (const f of run.result.findings) assert.ok(html.includes(f.code), `the HTML report does not list ${f.code}`);
      assert.ok(!/<(script|link|img)[^>]+(src|href)=["']?(https?:|\/\/)/i.test(html), 'the HTML report loads a remote resource');
    });

    test('a run that fails leaves the last results in place: the run, its diagnostics, the code lens, the status bar', async () => {
      const e = expectations().simulation;
      await extensionReady();
      if (!api().store.current) {
        await vscode.commands.executeCommand('microAgent.runSimulation', file(e.profile));
        await until(() => api().store.current, 'a good run first', () => 'no run yet', 120000);
      }
      const before = api().store.current!;
      const rule = await vscode.workspace.openTextDocument(file(e.rule.file));
      const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((x) => x.source === SOURCE).map((x) => `${codeOf(x)}@${x.range.start.line}`).sort();
      const lenses = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', rule.uri)) ?? [])
        .map((l) => l.command?.title ?? '').filter((t) => t.startsWith('fired'));
      const diagnosticsBefore = ours(rule.uri);
      const lensesBefore = await lenses();
      const statusBefore = api().statusBar.text;
      assert.ok(diagnosticsBefore.length > 0 && lensesBefore.length > 0, 'the good run left diagnostics and a code lens on the baseline');

      // A profile whose capture does not exist: the CLI refuses it (exit 2), so the run fails.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microagent-failing-run-'));
      try {
        const broken = path.join(dir, 'broken.microagent.json');
        fs.writeFileSync(broken, JSON.stringify({ devices: [{ id: 'gone', addresses: ['192.168.50.2'], capture: 'missing.pcap' }] }));
        await vscode.commands.executeCommand('microAgent.runSimulation', vscode.Uri.file(broken));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.equal(api().store.current, before, 'the failed run replaced the last run');
      assert.equal(api().store.current!.finishedAt, before.finishedAt);
      assert.deepEqual(ours(rule.uri), diagnosticsBefore, 'the findings diagnostics changed');
      assert.deepEqual(await lenses(), lensesBefore, 'the code lens changed');
      assert.equal(api().statusBar.text, statusBefore, 'the status bar changed');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    test('a cancelled run stops the simulator and gives no result (the command then keeps the last run)', async () => {
      const e = expectations().simulation;
      const source = new vscode.CancellationTokenSource();
      // Cancelled before the simulator can finish: the child is killed as soon as it is started.
      source.cancel();
      const started = Date.now();
      const outcome = await runCliSimulation(api().cli, { cwd: workspaceRoot(), profile: file(e.profile).fsPath }, source.token, () => undefined);
      assert.equal(outcome.cancelled, true, `not cancelled: exit ${outcome.exitCode}, ${outcome.messages.join(' ')}`);
      assert.equal(outcome.result, undefined, 'a cancelled run still gave a result');
      assert.ok(Date.now() - started < 60000, 'the simulator was not stopped');
    });

    test('a capture that tells no device: the CLI refuses (exit 2), the command asks for the address, and with it the run simulates the device', async () => {
      await extensionReady();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-no-device-'));
      try {
        const script = path.join(dir, 'hub-only.ndjson');
        fs.writeFileSync(script, '{"t": 1700000000, "type": "hubDisconnected", "protocol": "mqtt"}\n{"t": 1700000300, "type": "hubConnected", "protocol": "mqtt"}\n');
        const target = targetOf(vscode.Uri.file(script));
        assert.equal(target?.kind, 'capture');
        const none = new vscode.CancellationTokenSource();
        const outcome = await runCliSimulation(api().cli, { cwd: dir, capture: script }, none.token, () => undefined);
        assert.equal(outcome.exitCode, 2, outcome.messages.join(' '));
        assert.equal(needsDeviceAddress(outcome, target!, undefined), true, `not asked: ${outcome.messages.join(' ')}`);
        assert.equal(needsDeviceAddress(outcome, target!, ['192.168.1.50']), false, 'asked again although the address was given');
        const named = await runCliSimulation(api().cli, { cwd: dir, capture: script, devices: ['192.168.1.50'] }, none.token, () => undefined);
        assert.equal(named.result?.devices.length, 1, named.messages.join(' '));
        assert.equal(needsDeviceAddress(named, target!, ['192.168.1.50']), false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('Restricted Mode: a profile is not run (its files may lie outside the folder), a capture still is', () => {
      const e = expectations().simulation;
      const profile = targetOf(file(e.profile));
      const capture = targetOf(file(`${path.dirname(e.profile)}/captures/door-lock-01.pcap`));
      assert.deepEqual([profile?.kind, capture?.kind], ['profile', 'capture']);
      assert.equal(simulationNeedsTrust(profile!, false), true);
      assert.equal(simulationNeedsTrust(profile!, true), false);
      assert.equal(simulationNeedsTrust(capture!, false), false);
      assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted, so the runs above were real');
    });

    test('every rule of the profile\'s baseline gets a code lens after a run, "did not fire" when none of them fired', async () => {
      const e = expectations().simulation;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microagent-quiet-run-'));
      const baseline = path.join(dir, 'quiet.baseline.json');
      const profile = path.join(dir, 'quiet.microagent.json');
      const current = () => api().store.current as unknown as PanelRun | undefined;
      try {
        fs.copyFileSync(file(`${path.dirname(e.profile)}/captures/door-lock-01.pcap`).fsPath, path.join(dir, 'lock.pcap'));
        // The device's group allows far more connections than it makes; the other group's rule has no device.
        const rule = (max: number) => ({ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: max, timeWindowSize: 'PT5M' });
        fs.writeFileSync(baseline, JSON.stringify({ securityGroups: { quiet: { timeWindowRules: [rule(100000)] }, other: { timeWindowRules: [rule(1)] } } }, null, 2));
        fs.writeFileSync(profile, JSON.stringify({ baseline: 'quiet.baseline.json', devices: [{ id: 'lock', securityGroup: 'quiet', addresses: ['192.168.1.50', 'fd00::50'], capture: 'lock.pcap' }] }, null, 2));
        await vscode.commands.executeCommand('microAgent.runSimulation', vscode.Uri.file(profile));
        const run = await until(() => current()?.target === profile && current(), 'the quiet run to finish', () => current()?.target ?? 'no run', 120000);
        assert.ok(!run.result.findings.some((f) => f.evidence.rule), 'the control: no rule fired in this run');
        const doc = await vscode.workspace.openTextDocument(baseline);
        const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
        const titles = lenses.map((l) => l.command?.title ?? '');
        assert.equal(titles.length, 2, `one lens per rule expected, got: ${titles.join(' | ') || 'none'}`);
        assert.ok(titles.every((t) => t.startsWith('did not fire')), titles.join(' | '));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        // Leave the example's run as the last one, as the checks after this suite expect.
        await vscode.commands.executeCommand('microAgent.runSimulation', file(e.profile));
        await until(() => current()?.target === file(e.profile).fsPath, 'the example run again', () => current()?.target ?? 'no run', 120000);
      }
    });
  });
}
