// Fuzz tests of the security-message decoder (`microagent decode`): messages from the project's encoder, binary or
// base64, mutated, with offsets pointed at other tables, and with tables shared by many references. Each ends in a
// decoded message whose JSON grows at most linearly with the buffer, or a DecodeError naming a byte inside it.
import fc from 'fast-check';
import type { ReaderFuzz } from './harness/fuzz-property';
import { readerTests } from './harness/reader-tests';
import { mutated } from './harness/mutations';
import { validMessages, repointedMessages, roundTripMessages, checkRoundTrip, base64Snippets, sharedTablesMessage } from './inputs/message-inputs';

const sharedTables = fc.tuple(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 4000 }))
  .map(([events, records]) => ({ name: 'message.bin', bytes: sharedTablesMessage(events, records), how: `one event named ${events} times, its one record named ${records} times` }));

const readers: ReaderFuzz[] = [
  { reader: 'message', target: 'message', ciRuns: 1000, cases: mutated(validMessages, base64Snippets) },
  { reader: 'message-round-trip', target: 'message', ciRuns: 200, cases: roundTripMessages, expect: checkRoundTrip },
  { reader: 'message-offsets', target: 'message', ciRuns: 1000, cases: repointedMessages },
  { reader: 'message-shared-tables', target: 'message', ciRuns: 60, cases: sharedTables },
];

readerTests('test/unit/fuzz/message-decoder.test.ts', readers, 'decoding ends in a bounded message or a DecodeError naming its byte, in time, in bounded memory');
