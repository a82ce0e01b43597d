// Which files the simulation profiles name as feeds, and in which format: a workspace check and the editor then
// check `feeds/c2.csv` or `lists/bad.txt` as a feed although nothing in its name or content says it is one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { profileService } from '../baseline/services/profile-service';
import { readProfile } from '../baseline/profile-model';
import type { DocumentService, FileAccess } from '../language/service';
import type { FeedFormat } from '../intel/feed-types';
import { feedService, feedServiceFor } from '../intel/service';
import { recognize } from './check-document';

export interface NamedFeed {
  /** Absolute path of the feed file. */
  path: string;
  format: FeedFormat | 'auto';
  /** The profile that names it (the first one, in path order, when several do). */
  profile: string;
}

export function isProfilePath(file: string): boolean {
  return profileService.recognizes(file, '');
}

const key = (p: string) => path.resolve(p);

/** The feeds every known profile names. Each profile is read once and re-read only when told it changed. */
export class ProfileFeedIndex {
  private readonly byProfile = new Map<string, NamedFeed[]>();
  private byFeed: Map<string, NamedFeed> | undefined;

  /** Reads (or re-reads) one profile from its text (undefined: the profile is gone). Returns whether the feeds
   *  it names, or their formats, changed. A profile that does not parse names the feeds its valid part names. */
  update(profilePath: string, text: string | undefined): boolean {
    const k = key(profilePath);
    const before = JSON.stringify(this.byProfile.get(k) ?? []);
    if (text === undefined) this.byProfile.delete(k);
    else {
      let feeds: NamedFeed[] = [];
      try {
        feeds = readProfile(k, text).feeds.map((f) => ({ path: key(f.path), format: f.format, profile: k }));
      } catch {
        // readProfile leaves out what it cannot read; a throw here must not stop the other profiles.
      }
      this.byProfile.set(k, feeds);
    }
    const changed = JSON.stringify(this.byProfile.get(k) ?? []) !== before;
    if (changed) this.byFeed = undefined;
    return changed;
  }

  /** Reads every profile among `files` through `files` access (open buffers first in the server). */
  addProfiles(files: Iterable<string>, access: FileAccess): void {
    for (const f of files) if (isProfilePath(f)) this.update(f, access.readText(f));
  }

  has(profilePath: string): boolean {
    return this.byProfile.has(key(profilePath));
  }

  profiles(): string[] {
    return [...this.byProfile.keys()];
  }

  /** The feed entry for `file`, if a profile names it. Several profiles: an explicit format beats 'auto', then the
   *  first profile in path order. */
  feedFor(file: string): NamedFeed | undefined {
    if (!this.byFeed) {
      const map = new Map<string, NamedFeed>();
      for (const p of [...this.byProfile.keys()].sort()) {
        for (const f of this.byProfile.get(p)!) {
          const had = map.get(f.path);
          if (!had || (had.format === 'auto' && f.format !== 'auto')) map.set(f.path, f);
        }
      }
      this.byFeed = map;
    }
    return this.byFeed.get(key(file));
  }

  feeds(): NamedFeed[] {
    this.feedFor('');
    return [...this.byFeed!.values()];
  }
}

/** The service that checks `file`: a file a profile names as a feed is checked as a feed in the profile's format,
 *  unless another file kind (a baseline, a header) claims it, which then keeps its own check. `index` may be a
 *  function: it is then only called for files no other file kind claims (the server builds it on first use). */
export function serviceWithProfiles(file: string, text: string, index: ProfileFeedIndex | (() => ProfileFeedIndex) | undefined): DocumentService | undefined {
  const own = recognize(file, text);
  if ((own && own.id !== feedService.id) || !index) return own;
  const named = (typeof index === 'function' ? index() : index).feedFor(file);
  if (!named) return own;
  return own && named.format === 'auto' ? own : feedServiceFor(named.format);
}

/** Profiles (`microagent.json`, `*.microagent.json`) in the folder of `file` and every folder above it: for a file
 *  named alone (`microagent check feeds/c2.csv`). Only a profile that names the file exactly as a feed changes how
 *  it is checked, so looking far up is harmless. `seen` caches folders already listed. */
export function profilesAbove(file: string, seen = new Map<string, string[]>()): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    let here = seen.get(dir);
    if (!here) {
      here = [];
      try {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isFile() && isProfilePath(e.name)) here.push(path.join(dir, e.name));
      } catch {
        // An unreadable folder holds no profile we can use.
      }
      seen.set(dir, here);
    }
    out.push(...here);
    if (path.dirname(dir) === dir) break;
  }
  return out.sort();
}
