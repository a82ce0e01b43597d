// Fuzz tests of the agent-configuration readers (asc_config.h-style headers, CMake dist files, nx_user.h): each
// mutated file is read, checked as the editor checks it (reader, rules, symbols, hover) and loaded as
// `microagent simulate` loads it; problems name their file, line and column and stay inside the document.
import type { ReaderFuzz } from './harness/fuzz-property';
import { readerTests } from './harness/reader-tests';
import { mutated } from './harness/mutations';
import { validHeaders, validDists, validNxUsers, headerSnippets, distSnippets } from './inputs/config-inputs';

const readers: ReaderFuzz[] = [
  { reader: 'header', target: 'config', ciRuns: 200, cases: mutated(validHeaders, headerSnippets) },
  { reader: 'dist', target: 'config', ciRuns: 200, cases: mutated(validDists, distSnippets) },
  { reader: 'nx-user', target: 'config', ciRuns: 200, cases: mutated(validNxUsers, headerSnippets) },
];

readerTests('test/unit/fuzz/config-readers.test.ts', readers, 'mutated configurations end in settings and placed problems, in time, in bounded memory');
