// Targets that misbehave on purpose, so the harness's own tests can prove a crash, a hang, unbounded
// allocation and retained memory are each caught and reported (the input's name says which).
import type { Target } from '../harness/target';

const kept: number[][] = [];

export const selfTestTarget: Target = (input) => {
  switch (input.name) {
    case 'throw':
      // The kind of fault fuzzing exists to find: a bounds slip deep in a reader.
      return { problems: [], detail: (undefined as unknown as { x: number }).x };
    case 'hang':
      for (;;) { /* never returns */ }
    case 'allocate': {
      const grow: number[][] = [];
      for (;;) grow.push(new Array<number>(1 << 16).fill(input.bytes.length + 0.5));
    }
    case 'keep':
      kept.push(new Array<number>(1 << 17).fill(0.5));
      return { problems: [] };
    case 'problem':
      return { problems: [`input of ${input.bytes.length} bytes: a problem the target saw`] };
    default:
      return { problems: [], detail: { bytes: input.bytes.length } };
  }
};
