// Fuzz target for threat feeds (list, CSV, MISP, STIX): the checker's read (readFeed, as `check` and the
// editor run it), the simulator's load into one indicator set (loadFeeds), and lookups in that set.
import { readFeed } from '../../../../src-core/intel/feed-reader';
import { loadFeeds } from '../../../../src-core/intel/indicator-loader';
import type { FeedFormat } from '../../../../src-core/intel/feed-types';
import { feedServiceFor } from '../../../../src-core/intel/service';
import { SourceDocument } from '../../../../src-core/language/document';
import { Problems, checkLinear, checkSpan } from '../harness/outcome-checks';
import type { Target } from '../harness/target';
import { checkAsEditor, memoryContext } from './document-check';

const FORMATS: readonly (FeedFormat | 'auto')[] = ['auto', 'list', 'csv', 'stix', 'misp'];

export const feedTarget: Target = (input) => {
  const p = new Problems();
  const path = `/feeds/${input.name}`;
  const text = Buffer.from(input.bytes).toString('utf8');
  const n = input.bytes.length;
  // The reader in each format, whatever the content: a profile may name any file as any format.
  for (const format of FORMATS) {
    const r = readFeed(path, text, format);
    for (const e of r.entries) checkSpan(p, `${format} entry line ${e.line}`, e.start, e.end, text.length);
    for (const i of r.issues) {
      checkSpan(p, `${format} ${i.code}`, i.start, i.end, text.length);
      p.check(/^MA3\d\d$/.test(i.code) && i.message.trim() !== '', () => `${format}: issue ${i.code} "${i.message}"`);
    }
    checkLinear(p, `${format}: entries`, r.entries.length, n, 1 / 2, 1);
    checkLinear(p, `${format}: issues`, r.issues.length, n, 1, 4);
    p.check(r.usable + r.dropped <= r.entries.length + r.dropped && r.usable >= 0, () => `${format}: usable ${r.usable}, dropped ${r.dropped}`);
  }
  // The simulator's path: lists straight into the builder, the rest through the readers.
  const loaded = loadFeeds([{ path }], (q) => (q === path ? text : undefined));
  for (const f of loaded.feeds) {
    p.check(!f.error, () => `loadFeeds: ${f.error}`);
    for (const i of f.result?.issues ?? []) checkSpan(p, `loadFeeds ${i.code}`, i.start, i.end, text.length);
  }
  const stats = loaded.set.stats;
  checkLinear(p, 'indicators loaded', stats.ipv4 + stats.ipv6 + stats.domains, n, 1 / 2, 1);
  for (const a of [0x08080808, 0xc0000201, 0xcb007101, 0xffffffff, 0]) loaded.set.lookupIPv4(a);
  loaded.set.lookupIPv6(0x20010db8000000000000000000000001n);
  loaded.set.lookupDomain('a.example.com');
  // And the editor's check of a file a profile names as a feed.
  checkAsEditor(p, new SourceDocument(path, text), memoryContext(), feedServiceFor('auto'));
  return { problems: p.list, detail: { stats } };
};
