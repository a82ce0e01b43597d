// Issue 10, item 2: the one way to open an input file. Only regular files are read (/dev/zero and a FIFO are
// refused by name, at once, without opening the FIFO); each kind has a size limit whose refusal names the file,
// the limit and how to raise it; a file that grows while it is read cannot keep a reader going. Every reader
// that takes a path (captures, conn.log, event scripts, the kind sniffer) goes through it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  InputFileError, inputFileRefusal, inputKindOfPath, openInputFile, readInputPrefix, readInputText,
} from '../../../src-core/util/input-file';
import {
  CLI_RAISE_HINT, defaultInputLimits, parseMaxFileSizeFlags, parseMaxFileSizes, withMaxFileSizes,
} from '../../../src-core/util/input-limits';
import { formatByteSize, parseByteSize } from '../../../src-core/util/byte-size';
import { ChunkedFile } from '../../../src-core/traffic/chunked-file';
import { readLines } from '../../../src-core/traffic/line-reader';
import { readTrace } from '../../../src-core/traffic/trace-reader';
import { readConnLog } from '../../../src-core/traffic/conn-log';
import { readEventScript } from '../../../src-core/traffic/event-script';
import { detectInputKind } from '../../../src-core/agent/input-kind';

const hasDevZero = fs.existsSync('/dev/zero') && fs.statSync('/dev/zero').isCharacterDevice();
const noDevZero = hasDevZero ? false : 'this platform has no /dev/zero character device';
let dir: string;
let fifo: string | undefined;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-input-file-'));
  const f = path.join(dir, 'pipe');
  if (spawnSync('mkfifo', [f]).status === 0) fifo = f;
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const noFifo = () => (fifo ? false : 'mkfifo is not available on this platform');

/** Runs `fn` and says how long it took; the refusals below must come at once, not after a read. */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

describe('only regular files are read', () => {
  test('/dev/zero is refused by name as a character device, at once', { skip: noDevZero }, () => {
    const { value, ms } = timed(() => inputFileRefusal('/dev/zero', 'json'));
    assert.equal(value?.reason, 'not-regular');
    assert.equal(value?.message, '/dev/zero: not a regular file (a character device); microagent reads only regular files');
    assert.ok(ms < 1000, `${ms} ms`);
    assert.throws(() => readInputText('/dev/zero', 'configuration'), (e: unknown) => e instanceof InputFileError && e.reason === 'not-regular');
    assert.throws(() => readInputPrefix('/dev/zero', 65536), /not a regular file \(a character device\)/);
  });

  test('a FIFO is refused without being opened (opening one with no writer would block)', { skip: noFifo() }, () => {
    const { value, ms } = timed(() => {
      try {
        readInputText(fifo!, 'feed');
        return undefined;
      } catch (err) {
        return err as InputFileError;
      }
    });
    assert.equal(value?.reason, 'not-regular');
    assert.match(value!.message, /pipe: not a regular file \(a FIFO\); microagent reads only regular files$/);
    assert.ok(ms < 1000, `${ms} ms`);
  });

  test('a folder and a missing file are told apart', () => {
    assert.equal(inputFileRefusal(dir)?.reason, 'folder');
    assert.equal(inputFileRefusal(dir)?.problem, 'is a folder, not a file');
    assert.equal(inputFileRefusal(path.join(dir, 'absent.json'))?.reason, 'missing');
  });

  test('a regular file is read whole; a file under /proc (size 0 by stat) too, to its end', () => {
    const f = path.join(dir, 'small.h');
    fs.writeFileSync(f, '#define ASC_SECURITY_MODULE_ID "x"\n');
    assert.equal(readInputText(f, 'configuration'), '#define ASC_SECURITY_MODULE_ID "x"\n');
    if (fs.existsSync('/proc/self/status')) assert.match(readInputText('/proc/self/status', 'feed'), /^Name:/);
  });
});

describe('size limits per kind', () => {
  test('a file over its kind\'s limit is refused by its metadata, naming the file, the limit and how to raise it', () => {
    const f = path.join(dir, 'big.baseline.json');
    fs.writeFileSync(f, `{"pad": "${'x'.repeat(3000)}"}`);
    const limits = withMaxFileSizes(defaultInputLimits, { json: 2048 });
    const refused = inputFileRefusal(f, 'json', limits);
    assert.equal(refused?.reason, 'too-large');
    assert.equal(refused?.message, `${f}: 2.9 KiB is over the 2 KiB limit for a baseline, profile, hub settings or other JSON file; raise it with --max-file-size json=SIZE or "maxFileSize": { "json": "SIZE" } in .microagent/config.json`);
    assert.throws(() => readInputText(f, 'json', limits), /over the 2 KiB limit/);
    // Another kind's limit does not apply, and raising this one lets it through.
    assert.equal(inputFileRefusal(f, 'feed', limits), undefined);
    assert.equal(readInputText(f, 'json', withMaxFileSizes(limits, { json: 4096 })).length, 3011);
  });

  test('the defaults hold real files and stop hostile ones: 16 MiB for configuration, 64 MiB for JSON, 32 GiB for captures', () => {
    assert.equal(formatByteSize(defaultInputLimits.maxFileSize.configuration), '16 MiB');
    assert.equal(formatByteSize(defaultInputLimits.maxFileSize.json), '64 MiB');
    assert.equal(formatByteSize(defaultInputLimits.maxFileSize.capture), '32 GiB');
    assert.equal(CLI_RAISE_HINT('capture'), 'raise it with --max-file-size capture=SIZE or "maxFileSize": { "capture": "SIZE" } in .microagent/config.json');
  });

  test('sizes are read as people write them, and wrong entries are named', () => {
    assert.equal(parseByteSize('64MB'), 64 * 2 ** 20);
    assert.equal(parseByteSize('2 GiB'), 2 * 2 ** 30);
    assert.equal(parseByteSize('1.5k'), 1536);
    assert.equal(parseByteSize(4096), 4096);
    for (const bad of ['', 'lots', '-1MB', 0, '12 parsecs', null]) assert.equal(parseByteSize(bad), undefined, String(bad));
    assert.equal(formatByteSize(20_079_001_600), '18.7 GiB');
    assert.deepEqual(parseMaxFileSizeFlags(['capture=64GB', 'json=100MB']), { capture: 64 * 2 ** 30, json: 100 * 2 ** 20 });
    assert.throws(() => parseMaxFileSizeFlags(['captures=1GB']), /unknown file kind "captures" \(kinds: configuration, json, feed, events, connLog, capture, message\)/);
    assert.throws(() => parseMaxFileSizeFlags(['capture']), /takes KIND=SIZE/);
    assert.throws(() => parseMaxFileSizeFlags(['capture=huge']), /size for capture must be a number of bytes or text such as "64MB"/);
    const parsed = parseMaxFileSizes({ feed: '1GB', pcap: '1GB' });
    assert.deepEqual(parsed.sizes, { feed: 2 ** 30 });
    assert.equal(parsed.problems.length, 1);
  });

  test('the kind a file\'s name suggests', () => {
    assert.equal(inputKindOfPath('/w/asc_config.h'), 'configuration');
    assert.equal(inputKindOfPath('/w/RTOS_BASE.dist'), 'configuration');
    assert.equal(inputKindOfPath('/w/door.baseline.json'), 'json');
    assert.equal(inputKindOfPath('/w/trace.pcapng'), 'capture');
    assert.equal(inputKindOfPath('/w/conn.log'), 'connLog');
    assert.equal(inputKindOfPath('/w/feeds/c2.csv'), 'feed');
  });
});

describe('a file that grows while it is read', () => {
  test('a streaming reader stops at the size the file had when opened, and says it grew', () => {
    const f = path.join(dir, 'growing.ndjson');
    fs.writeFileSync(f, '{"t": 0, "type": "hubConnected"}\n'.repeat(10));
    let lines = 0;
    const r = readLines(f, () => {
      // Every line read appends another: without the bound this would never end.
      fs.appendFileSync(f, '{"t": 1, "type": "hubConnected"}\n');
      lines++;
    }, 1 << 20, 64);
    assert.equal(lines, 10);
    assert.equal(r.grewBy, 10 * 33);
  });

  test('the capture reader reads up to the size the file had when opened', () => {
    const f = path.join(dir, 'growing.bin');
    fs.writeFileSync(f, Buffer.alloc(100, 1));
    const chunked = new ChunkedFile(f, 16);
    fs.appendFileSync(f, Buffer.alloc(50, 2));
    assert.equal(chunked.ensure(100), true);
    chunked.pos = 100;
    assert.equal(chunked.ensure(1), false, 'the 50 bytes appended after the open are not read');
    assert.equal(chunked.grownBy(), 50);
    chunked.close();
  });

  test('an open descriptor is only ever one of a regular file', () => {
    const f = path.join(dir, 'plain.txt');
    fs.writeFileSync(f, 'x');
    const opened = openInputFile(f);
    assert.equal(opened.size, 1);
    opened.close();
    opened.close();
  });
});

describe('every reader that takes a path refuses a device or FIFO with one clear error, at once', () => {
  test('captures, conn.logs, event scripts and the kind sniffer on /dev/zero', { skip: noDevZero }, () => {
    const msg = '/dev/zero: not a regular file (a character device); microagent reads only regular files';
    const { value: trace, ms: traceMs } = timed(() => readTrace('/dev/zero', () => undefined));
    assert.equal(trace.error?.message, msg);
    const { value: conn, ms: connMs } = timed(() => readConnLog('/dev/zero', () => undefined));
    assert.equal(conn.error, msg);
    const { value: script, ms: scriptMs } = timed(() => readEventScript('/dev/zero', () => undefined));
    assert.equal(script.error, msg);
    assert.deepEqual(detectInputKind('/dev/zero'), { error: msg });
    for (const ms of [traceMs, connMs, scriptMs]) assert.ok(ms < 1000, `${ms} ms`);
  });

  test('the same on a FIFO, which would otherwise block the open', { skip: noFifo() }, () => {
    assert.match(readTrace(fifo!, () => undefined).error!.message, /not a regular file \(a FIFO\)/);
    assert.match(readConnLog(fifo!, () => undefined).error!, /not a regular file \(a FIFO\)/);
    assert.match(readEventScript(fifo!, () => undefined).error!, /not a regular file \(a FIFO\)/);
    assert.match((detectInputKind(fifo!) as { error: string }).error, /not a regular file \(a FIFO\)/);
  });
});
