// The labels of an indicator set's entries (a feed line's comment, a STIX name): few distinct texts over many
// entries ("botnet" on a hundred thousand lines). Kept as a sorted id array and an index into the distinct
// texts, so the feed cache stores them as typed arrays and a cached set is ready without building a Map of
// every labelled entry (that Map and its JSON were a third of a warm load). A label is only read on a match.

export interface EntryLabelsSnapshot {
  /** Entry ids with a label, ascending. */
  labelIds: Int32Array;
  /** For each id, its text's index in labelTexts. */
  labelText: Uint32Array;
  labelTexts: string[];
}

export class EntryLabels {
  private constructor(private readonly ids: Int32Array, private readonly text: Uint32Array, private readonly texts: string[]) {}

  /** From the builder's map of entry id to label (any order). */
  static fromMap(labels: ReadonlyMap<number, string>): EntryLabels {
    const ids = Int32Array.from(labels.keys()).sort();
    const textIndex = new Map<string, number>();
    const texts: string[] = [];
    const text = new Uint32Array(ids.length);
    ids.forEach((id, i) => {
      const label = labels.get(id)!;
      let t = textIndex.get(label);
      if (t === undefined) textIndex.set(label, (t = texts.push(label) - 1));
      text[i] = t;
    });
    return new EntryLabels(ids, text, texts);
  }

  /** From a snapshot (the feed cache's), or undefined when it does not hold together (a damaged cache). */
  static fromSnapshot(s: Partial<EntryLabelsSnapshot>): EntryLabels | undefined {
    const { labelIds: ids, labelText: text, labelTexts: texts } = s;
    if (!(ids instanceof Int32Array) || !(text instanceof Uint32Array) || !Array.isArray(texts) || ids.length !== text.length) return undefined;
    for (let i = 0; i < ids.length; i++) if ((i > 0 && ids[i] <= ids[i - 1]) || text[i] >= texts.length) return undefined;
    if (!texts.every((t) => typeof t === 'string')) return undefined;
    return new EntryLabels(ids, text, texts);
  }

  snapshot(): EntryLabelsSnapshot {
    return { labelIds: this.ids, labelText: this.text, labelTexts: this.texts };
  }

  get(id: number): string | undefined {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return this.texts[this.text[mid]];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}
