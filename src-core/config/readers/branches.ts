// The #if / if() nesting both readers share: which branch is taken, and the structure errors
// (an #else after #else, an #endif without #if, an #if never closed).

interface Frame {
  /** Offset range of the opening #if / if(), for "never closed" messages. */
  start: number;
  end: number;
  opener: string;
  parentActive: boolean;
  anyTaken: boolean;
  taken: boolean;
  seenElse: boolean;
}

export interface BranchError {
  message: string;
}

export class BranchStack {
  private readonly frames: Frame[] = [];
  /** Start offset of the current inactive run, when inside one. */
  private inactiveFrom: number | undefined;
  readonly inactive: Array<[number, number]> = [];

  constructor(private readonly words: { if: string; elif: string; else: string; endif: string }) {}

  get active(): boolean {
    const top = this.frames[this.frames.length - 1];
    return top ? top.parentActive && top.taken : true;
  }

  /** Whether a condition here would be evaluated at all (C does not evaluate inside a skipped group). */
  get parentActive(): boolean {
    return this.active;
  }

  open(start: number, end: number, opener: string, taken: boolean): void {
    const parentActive = this.active;
    this.frames.push({ start, end, opener, parentActive, anyTaken: taken, taken, seenElse: false });
    this.mark(end);
  }

  /** For #elif: whether the condition needs evaluating (no earlier branch taken, parent active). */
  elifNeedsEval(): boolean {
    const top = this.frames[this.frames.length - 1];
    return !!top && top.parentActive && !top.anyTaken && !top.seenElse;
  }

  elif(start: number, end: number, taken: boolean): BranchError | undefined {
    const top = this.frames[this.frames.length - 1];
    if (!top) return { message: `${this.words.elif} without a matching ${this.words.if}` };
    if (top.seenElse) return { message: `${this.words.elif} after ${this.words.else} (this branch can never be taken)` };
    top.taken = !top.anyTaken && taken;
    top.anyTaken ||= top.taken;
    this.mark(start, end);
    return undefined;
  }

  else(start: number, end: number): BranchError | undefined {
    const top = this.frames[this.frames.length - 1];
    if (!top) return { message: `${this.words.else} without a matching ${this.words.if}` };
    if (top.seenElse) return { message: `a second ${this.words.else} for the same ${this.words.if}` };
    top.seenElse = true;
    top.taken = !top.anyTaken;
    top.anyTaken = true;
    this.mark(start, end);
    return undefined;
  }

  endif(start: number): BranchError | undefined {
    if (!this.frames.length) return { message: `${this.words.endif} without a matching ${this.words.if}` };
    this.frames.pop();
    this.mark(start, start);
    return undefined;
  }

  /** The groups left open at the end of the file. */
  unclosed(): Array<{ start: number; end: number; opener: string }> {
    return this.frames.map((f) => ({ start: f.start, end: f.end, opener: f.opener }));
  }

  finish(textEnd: number): void {
    if (this.inactiveFrom !== undefined) this.inactive.push([this.inactiveFrom, textEnd]);
    this.inactiveFrom = undefined;
  }

  /** Tracks inactive runs: a run starts after the directive that switched it off and ends at the one that
   *  switches it back on. */
  private mark(switchAt: number, afterDirective = switchAt): void {
    const nowActive = this.active;
    if (!nowActive && this.inactiveFrom === undefined) this.inactiveFrom = afterDirective;
    else if (nowActive && this.inactiveFrom !== undefined) {
      this.inactive.push([this.inactiveFrom, switchAt]);
      this.inactiveFrom = undefined;
    }
  }
}
