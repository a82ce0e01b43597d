// `simulate --messages DIR` and `--records` (issue 8, item 8) on the example workspace: every message the
// agent built is a file that `microagent decode` reads, holding exactly the records the JSON report lists for
// that cycle, as large as the model's message; a folder that is not empty is refused without --force; file
// names stay safe whatever a device is called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src-core/cli/main';
import { fileTime, MessageFiles, messageFileName, safeNamePart } from '../../src-core/cli/message-files';

const example = resolve(__dirname, '../../examples/door-lock');

async function cli(args: string[], cwd = example): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: false, cwd });
  return { status, stdout, stderr };
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ma-messages-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface RecordJson { ipVersion: number; protocol: string; local: string; localPort: number; remote: string; remotePort: number; bytesIn: number; bytesOut: number; packetsIn: number; packetsOut: number }

/** A decoded record (the flatcc printer's names, absent defaults left out) in the --records shape, bytes only. */
function fromDecoded(ipVersion: number, r: { local: string; remote: string; common: Record<string, number | string> }) {
  return {
    ipVersion, protocol: (r.common.protocol as string | undefined) ?? 'TCP', local: r.local, localPort: r.common.local_port ?? 0,
    remote: r.remote, remotePort: r.common.remote_port ?? 0, bytesIn: r.common.bytes_in ?? 0, bytesOut: r.common.bytes_out ?? 0,
  };
}

test('the example workspace: each message file decodes to the records --records lists for its cycle, at the model\'s size', async (t) => {
  const out = join(tempDir(t), 'messages');
  const r = await cli(['simulate', '--profile', 'microagent.json', '--messages', out, '--records', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  const files = readdirSync(out).sort();
  const cycles = report.devices.flatMap((d: { agent: { cycles: { messageBytes: number }[] } }) => d.agent.cycles).filter((c: { messageBytes: number; messageBytesNeeded?: number }) => c.messageBytes > 0 || c.messageBytesNeeded);
  assert.ok(files.length >= 3, `messages written: ${files.join(', ')}`);
  assert.equal(files.length, cycles.length, 'one file per cycle that built a message');
  assert.match(r.stderr, new RegExp(`${files.length} messages written to .*messages \\(${files.length} sent\\)`));
  for (const name of files) assert.match(name, /^door-lock-01-\d{8}T\d{6}Z-(sent|held|lost-unsent|dropped-too-big|builder-stack-failure|hung)\.bin$/);
  let recordsCompared = 0;
  let packets = 0;
  for (const c of cycles) {
    assert.ok(c.messageFile, `cycle ${c.time} names its file`);
    assert.ok(files.includes(c.messageFile));
    assert.ok(c.messageFile.includes(fileTime(c.time)) && c.messageFile.endsWith(`-${c.outcome}.bin`), c.messageFile);
    const path = join(out, c.messageFile);
    assert.equal(statSync(path).size, c.messageBytes || c.messageBytesNeeded, `${c.messageFile}: the model's message size`);
    const decoded = await cli(['decode', path]);
    assert.equal(decoded.status, 0, decoded.stderr);
    const message = JSON.parse(decoded.stdout);
    const net = message.events.find((e: { payload_type: string }) => e.payload_type === 'NetworkActivity');
    const got = net ? [
      ...(net.payload.ipv4_activity ?? []).map((x: never) => fromDecoded(4, x)),
      ...(net.payload.ipv6_activity ?? []).map((x: never) => fromDecoded(6, x)),
    ] : [];
    const listed: RecordJson[] = c.records ?? [];
    assert.deepEqual(got, listed.map(({ packetsIn, packetsOut, ...rest }) => rest), `${c.messageFile}: the records of cycle ${c.time}`);
    for (const x of listed) {
      assert.ok(x.packetsIn + x.packetsOut > 0 && (x.bytesIn > 0) === (x.packetsIn > 0) && (x.bytesOut > 0) === (x.packetsOut > 0), JSON.stringify(x));
      packets += x.packetsIn + x.packetsOut;
    }
    assert.equal(message.events[0].time, c.time, 'the cycle\'s collection time');
    recordsCompared += listed.length;
  }
  assert.ok(recordsCompared >= 5, `records compared: ${recordsCompared}`);
  assert.equal(packets, report.devices[0].agent.packetsRecorded, 'the records\' packets are the packets the agent recorded');
});

test('the report is the same with and without --messages, apart from the file names', async (t) => {
  const plain = await cli(['simulate', '--profile', 'microagent.json', '--format', 'json']);
  const withFiles = await cli(['simulate', '--profile', 'microagent.json', '--format', 'json', '--messages', join(tempDir(t), 'm')]);
  const strip = (text: string) => JSON.stringify(JSON.parse(text), (k, v) => (k === 'messageFile' ? undefined : v));
  assert.equal(strip(withFiles.stdout), strip(plain.stdout));
  assert.doesNotMatch(plain.stdout, /"records"/, 'no records without --records');
});

test('a folder that is not empty is refused before the run unless --force; --force replaces files of the same name and leaves the rest', async (t) => {
  const out = tempDir(t);
  writeFileSync(join(out, 'notes.txt'), 'mine\n');
  const refused = await cli(['simulate', '--profile', 'microagent.json', '--messages', out]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--messages: .* is not empty \(1 entry\); nothing is overwritten without --force/);
  assert.equal(refused.stdout, '', 'nothing simulated');
  assert.deepEqual(readdirSync(out), ['notes.txt']);

  const first = await cli(['simulate', '--profile', 'microagent.json', '--messages', out, '--force']);
  assert.equal(first.status, 0, first.stderr);
  const written = readdirSync(out).filter((f) => f.endsWith('.bin'));
  assert.ok(written.length >= 3);
  const again = await cli(['simulate', '--profile', 'microagent.json', '--messages', out, '--force']);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, new RegExp(`; ${written.length} replaced a file of the same name \\(--force\\)`));
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine\n', 'other files are left alone');

  const file = join(out, 'notes.txt');
  const notFolder = await cli(['simulate', '--profile', 'microagent.json', '--messages', file]);
  assert.equal(notFolder.status, 2);
  assert.match(notFolder.stderr, /--messages .*notes\.txt is a file, not a folder/);
  const stray = await cli(['simulate', '--profile', 'microagent.json', '--force']);
  assert.match(stray.stderr, /--force only applies to -o FILE and --messages DIR/);
  const textRecords = await cli(['simulate', '--profile', 'microagent.json', '--records']);
  assert.equal(textRecords.status, 2);
  assert.match(textRecords.stderr, /--records lists each cycle's records in the JSON report: add --format json/);
});

test('file names are safe whatever the device is called, and two devices never share one', async (t) => {
  assert.equal(safeNamePart('door-lock-01'), 'door-lock-01');
  assert.equal(safeNamePart('../../etc/passwd'), 'etc_passwd');
  assert.equal(safeNamePart('C:\\dev\\lock *?<>|"'), 'C_dev_lock');
  assert.equal(safeNamePart('..'), 'device');
  assert.equal(safeNamePart(''), 'device');
  assert.equal(safeNamePart('\u202eexe.lock\u0000\n'), 'exe.lock');
  assert.equal(safeNamePart('x'.repeat(300)).length, 64);
  assert.equal(messageFileName('door-lock-01', 1700000056, 'sent'), 'door-lock-01-20231114T221416Z-sent.bin');
  assert.equal(fileTime(1700000056.25), '20231114T221416.250Z');
  assert.equal(fileTime(1e15), 't1000000000000000');

  // Two devices whose ids differ only in characters a file name cannot hold, on the example's capture.
  const ws = tempDir(t);
  cpSync(example, ws, { recursive: true });
  const profile = JSON.parse(readFileSync(join(ws, 'microagent.json'), 'utf8'));
  profile.devices = [
    { ...profile.devices[0], id: 'lock/01' },
    { ...profile.devices[0], id: 'lock:01', addresses: ['192.168.1.99'] },
  ];
  writeFileSync(join(ws, 'microagent.json'), JSON.stringify(profile));
  const out = join(ws, 'out');
  mkdirSync(out);
  const r = await cli(['simulate', '--profile', 'microagent.json', '--messages', 'out', '--format', 'json'], ws);
  assert.equal(r.status, 0, r.stderr);
  const names = readdirSync(out);
  assert.ok(names.some((n) => n.startsWith('lock_01-20')), names.join(', '));
  assert.ok(names.some((n) => n.startsWith('lock_01-2-')), names.join(', '));
  for (const n of names) assert.match(n, /^[A-Za-z0-9][A-Za-z0-9._-]*\.bin$/);
});

test('a message that cannot be written stops the writing, naming the file and the reason', async (t) => {
  const gone = join(tempDir(t), 'removed');
  const files = new MessageFiles(gone, false);
  const observer = files.observerFor('door-lock-01');
  const cycle = { time: 1700000056, outcome: 'sent' } as never;
  observer.messageDone!(cycle, new Uint8Array([1, 2, 3]));
  assert.match(files.error ?? '', /--messages: cannot write .*removed\/door-lock-01-20231114T221416Z-sent\.bin: ENOENT/);
  observer.messageDone!({ time: 1700000066, outcome: 'sent' } as never, new Uint8Array([1]));
  assert.equal(files.total, 0, 'nothing more is tried');
});
