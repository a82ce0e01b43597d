// Fuzz tests of the JSON documents: baselines (project file, ARM resource, ARM template) and simulation profiles,
// checked as the editor checks them and read as `microagent simulate` reads them; diagnostics stay inside the
// document, nothing throws, in time and bounded memory.
import type { ReaderFuzz } from './harness/fuzz-property';
import { readerTests } from './harness/reader-tests';
import { mutated } from './harness/mutations';
import { validBaselines, validProfiles, jsonSnippets } from './inputs/json-inputs';

const readers: ReaderFuzz[] = [
  { reader: 'baseline', target: 'baseline', ciRuns: 200, cases: mutated(validBaselines, jsonSnippets) },
  { reader: 'profile', target: 'profile', ciRuns: 200, cases: mutated(validProfiles, jsonSnippets) },
];

readerTests('test/unit/fuzz/json-documents.test.ts', readers, 'mutated documents end in placed diagnostics, in time, in bounded memory');
