// Fuzz tests of the traffic readers (pcap, pcapng, Zeek conn.log TSV and JSON, the event script): valid
// inputs from the project's generator, mutated; every read ends in a result or an error naming the file and
// place, within the time bound, under the worker's heap limit. FUZZ_RUNS / FUZZ_SEED run longer or elsewhere.
import fc from 'fast-check';
import type { ReaderFuzz } from './harness/fuzz-property';
import { readerTests } from './harness/reader-tests';
import { mutated } from './harness/mutations';
import { validCaptures, validConnLogs, validEventScripts, connLogSnippets, eventScriptSnippets, longLineCases, checkLongLine } from './inputs/traffic-inputs';
import { checkTruncation, cutClass, intactPackets, truncationCase } from './inputs/capture-truncations';

function truncations(format: 'pcap' | 'pcapng') {
  return fc.tuple(validCaptures(format), fc.nat(), cutClass, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
    .map(([c, unit, cls, frac]) => truncationCase(c, intactPackets(c), unit, cls, frac));
}

const readers: ReaderFuzz[] = [
  { reader: 'pcap', target: 'capture', ciRuns: 300, cases: mutated(validCaptures('pcap')) },
  { reader: 'pcapng', target: 'capture', ciRuns: 300, cases: mutated(validCaptures('pcapng')) },
  { reader: 'pcap-truncated', target: 'capture', ciRuns: 150, cases: truncations('pcap'), expect: checkTruncation },
  { reader: 'pcapng-truncated', target: 'capture', ciRuns: 150, cases: truncations('pcapng'), expect: checkTruncation },
  { reader: 'conn-log', target: 'conn-log', ciRuns: 300, cases: mutated(validConnLogs, connLogSnippets) },
  { reader: 'event-script', target: 'event-script', ciRuns: 300, cases: mutated(validEventScripts, eventScriptSnippets) },
  // Lines around the 1 MiB limit: each case is 1 to 6 MB, so a few.
  { reader: 'conn-log-long-lines', target: 'conn-log', ciRuns: 8, cases: longLineCases('conn-log'), expect: checkLongLine },
  { reader: 'event-script-long-lines', target: 'event-script', ciRuns: 8, cases: longLineCases('event-script'), expect: checkLongLine },
];

readerTests('test/unit/fuzz/traffic-readers.test.ts', readers, 'inputs end in a result or a clear error, in time, in bounded memory');
