// Loads feeds into one indicator set, keeping every feed's issues (what the simulator and the CLI report).
import { IndicatorSet, IndicatorSetBuilder } from './indicator-set';
import { detectFeedFormat, readFeed, type CheckedFeed } from './feed-reader';
import { feedLimits, type FeedFormat } from './feed-types';
import { loadListInto } from './list-loader';

export interface FeedSpec { path: string; format?: FeedFormat | 'auto'; name?: string }

export interface LoadedFeeds {
  set: IndicatorSet;
  feeds: { spec: FeedSpec; result?: CheckedFeed; error?: string }[];
}

/** Adds one read feed's entries to a builder under `feedName`. */
export function addFeedEntries(builder: IndicatorSetBuilder, feedName: string, result: CheckedFeed): void {
  for (const e of result.entries) {
    if (e.kind === 'domain') builder.addDomain(e.domain, feedName, e.line, e.label);
    else if (e.cidr.version === 4) builder.addIPv4(e.cidr.network, e.cidr.prefix, feedName, e.line, e.label);
    else builder.addIPv6(e.cidr.network, e.cidr.prefix, feedName, e.line, e.label);
  }
}

export function loadFeeds(specs: FeedSpec[], readText: (path: string) => string | undefined): LoadedFeeds {
  const builder = new IndicatorSetBuilder();
  const feeds: LoadedFeeds['feeds'] = [];
  for (const spec of specs) {
    let text: string | undefined;
    try {
      text = readText(spec.path);
    } catch (err) {
      feeds.push({ spec, error: `${spec.path}: ${(err as Error).message}` });
      continue;
    }
    if (text === undefined) { feeds.push({ spec, error: `${spec.path}: file not found` }); continue; }
    const format = !spec.format || spec.format === 'auto' ? detectFeedFormat(spec.path, text) : spec.format;
    if (format === 'list' && text.length <= feedLimits.maxChars) {
      // Lists are most of the volume (1 M-line netsets): straight into the builder, no entry objects.
      const r = loadListInto(builder, spec.name ?? spec.path, text);
      feeds.push({ spec, result: { format: 'list', entries: [], issues: r.issues, skipped: 0, dropped: r.dropped, usable: r.usable } });
      continue;
    }
    const result = readFeed(spec.path, text, format);
    addFeedEntries(builder, spec.name ?? spec.path, result);
    feeds.push({ spec, result });
  }
  return { set: builder.build(), feeds };
}
