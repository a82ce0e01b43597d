// Fuzz tests of the threat-feed readers (list, CSV, MISP, STIX): each mutated feed is read in every format, loaded
// the simulator's way into an indicator set, and checked as the editor checks it; every issue stays inside the
// feed's text, outputs grow at most linearly, nothing throws, in time and bounded memory.
import type { ReaderFuzz } from './harness/fuzz-property';
import { readerTests } from './harness/reader-tests';
import { mutated } from './harness/mutations';
import { validLists, validCsvs, validMisps, validStix, feedSnippets } from './inputs/feed-inputs';

const readers: ReaderFuzz[] = [
  { reader: 'feed-list', target: 'feed', ciRuns: 250, cases: mutated(validLists, feedSnippets) },
  { reader: 'feed-csv', target: 'feed', ciRuns: 250, cases: mutated(validCsvs, feedSnippets) },
  { reader: 'feed-misp', target: 'feed', ciRuns: 250, cases: mutated(validMisps, feedSnippets) },
  { reader: 'feed-stix', target: 'feed', ciRuns: 250, cases: mutated(validStix, feedSnippets) },
];

readerTests('test/unit/fuzz/feed-readers.test.ts', readers, 'mutated feeds end in entries and issues inside the text, in time, in bounded memory');
