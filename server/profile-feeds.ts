// The workspace's profile-feed index for the server: built by one walk of the workspace folders when first
// needed, then kept current profile by profile (typed, saved, changed on disk) instead of walking again.
import type { ProfileFeedIndex as Index } from '../src-core/check/profile-feeds';
import { ProfileFeedIndex, isProfilePath } from '../src-core/check/profile-feeds';
import { walkFiles } from '../src-core/check/walk';
import type { FileAccess } from '../src-core/language/service';

export class WorkspaceProfileFeeds {
  private index: Index | undefined;
  /** Walks done to build the index (tests check that it is built once, not per document). */
  walks = 0;

  constructor(
    private readonly folders: () => string[],
    private readonly files: FileAccess,
    private readonly openProfiles: () => string[],
  ) {}

  /** The index, built on first use from the profiles under the workspace folders and any open profile. */
  get(): Index {
    if (!this.index) this.rebuild(this.folders().flatMap((f) => { this.walks++; return walkFiles(f); }));
    return this.index!;
  }

  /** Replaces the index with the profiles among `files` (a workspace check has just walked the folders). */
  rebuild(files: string[]): void {
    const index = new ProfileFeedIndex();
    index.addProfiles(files, this.files);
    index.addProfiles(this.openProfiles().filter((p) => !index.has(p)), this.files);
    this.index = index;
  }

  /** Re-reads one profile (open buffer first, then disk; gone when neither). Returns whether the feeds it names
   *  changed, so the caller re-checks open documents only then. Nothing to do before the index is first built. */
  profileChanged(file: string): boolean {
    if (!this.index || !isProfilePath(file)) return false;
    return this.index.update(file, this.files.readText(file));
  }

  /** Workspace folders changed: the next use walks again. */
  reset(): void {
    this.index = undefined;
  }
}
