// The #if / if() nesting both readers share: which branch is taken, when a condition is evaluated at all,
// and the structure errors (an #else after #else, an #endif without #if, an #if never closed), reported
// through the reader's own callback so both readers word them alike.

/** The four roles a conditional directive or command can play. */
export type BranchStep = 'if' | 'elif' | 'else' | 'endif';

/** How the reader spells each role in messages: `#if` ... `#endif`, or `if()` ... `endif()`. */
export interface BranchWords {
  if: string;
  elif: string;
  else: string;
  endif: string;
}

export type BranchProblem = (start: number, end: number, message: string) => void;

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

export class BranchStack {
  private readonly frames: Frame[] = [];
  /** Start offset of the current inactive run, when inside one. */
  private inactiveFrom: number | undefined;
  readonly inactive: Array<[number, number]> = [];

  constructor(private readonly words: BranchWords, private readonly problem: BranchProblem) {}

  /** Whether statements here are read (every enclosing group is taken). */
  get active(): boolean {
    const top = this.frames[this.frames.length - 1];
    return top ? top.parentActive && top.taken : true;
  }

  /**
   * One conditional directive (`#if`, `#ifdef`, `#elif`, `#elifdef`, `#else`, `#endif`, or CMake's
   * `if()` ... `endif()`). `condition` is called only where the compiler (or CMake) evaluates it: an
   * opening in a taken group, an alternative whose group has taken no branch yet. `spelling` names the
   * directive in messages when it differs from the role's word (`#ifdef`, `#elifndef`).
   */
  step(role: BranchStep, start: number, end: number, condition?: () => boolean, spelling?: string): void {
    switch (role) {
      case 'if': {
        const parentActive = this.active;
        const taken = parentActive && condition !== undefined && condition();
        this.frames.push({ start, end, opener: spelling ?? this.words.if, parentActive, anyTaken: taken, taken, seenElse: false });
        this.mark(end);
        return;
      }
      case 'elif': {
        const top = this.frames[this.frames.length - 1];
        const word = spelling ?? this.words.elif;
        if (!top) return this.problem(start, end, `${word} without a matching ${this.words.if}`);
        if (top.seenElse) return this.problem(start, end, `${word} after ${this.words.else} (this branch can never be taken)`);
        const taken = top.parentActive && !top.anyTaken && condition !== undefined && condition();
        top.taken = taken;
        top.anyTaken ||= taken;
        this.mark(start, end);
        return;
      }
      case 'else': {
        const top = this.frames[this.frames.length - 1];
        if (!top) return this.problem(start, end, `${this.words.else} without a matching ${this.words.if}`);
        if (top.seenElse) return this.problem(start, end, `a second ${this.words.else} for the same ${this.words.if}`);
        top.seenElse = true;
        top.taken = !top.anyTaken;
        top.anyTaken = true;
        this.mark(start, end);
        return;
      }
      case 'endif':
        if (!this.frames.length) return this.problem(start, end, `${this.words.endif} without a matching ${this.words.if}`);
        this.frames.pop();
        this.mark(start, start);
    }
  }

  /** At the end of the file: reports every group left open (at its opening, naming its line) and closes
   *  the last inactive run. */
  finish(textEnd: number, lineOf: (offset: number) => number): void {
    for (const f of this.frames) this.problem(f.start, f.end, `${f.opener} at line ${lineOf(f.start) + 1} has no matching ${this.words.endif}`);
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
