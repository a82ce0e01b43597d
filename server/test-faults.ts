// A test-only fault-injection hook: MICROAGENT_TEST_FAULT names handlers that must throw for some files, so the
// protocol tests can prove that one failing handler is contained without needing a real bug. main.ts reads the
// variable once at start; unset (as it always is outside tests) nothing is injected.
//
// Format: comma-separated `handler:part`, where `part` is a piece of the file's path and handler one of
// FAULT_HANDLERS, e.g. MICROAGENT_TEST_FAULT='validate:boom,hover:boom'.

export const FAULT_HANDLERS = ['validate', 'hover', 'completion', 'codeAction', 'symbols', 'summary'] as const;
export type FaultHandler = (typeof FAULT_HANDLERS)[number];

export class TestFaults {
  private constructor(private readonly rules: readonly { handler: FaultHandler; part: string }[]) {}

  static none(): TestFaults {
    return new TestFaults([]);
  }

  /** Parses the variable's value; a malformed entry is reported through `warn` and ignored. */
  static parse(spec: string | undefined, warn: (message: string) => void = () => undefined): TestFaults {
    const rules: { handler: FaultHandler; part: string }[] = [];
    for (const entry of (spec ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
      const colon = entry.indexOf(':');
      const handler = entry.slice(0, colon) as FaultHandler;
      const part = entry.slice(colon + 1);
      if (colon < 1 || !part || !FAULT_HANDLERS.includes(handler)) {
        warn(`MICROAGENT_TEST_FAULT: ignoring '${entry}' (expected handler:part, handler one of ${FAULT_HANDLERS.join(', ')})`);
        continue;
      }
      rules.push({ handler, part });
    }
    return new TestFaults(rules);
  }

  get active(): boolean {
    return this.rules.length > 0;
  }

  /** Throws when a rule names `handler` and a part of `file`'s path. */
  inject(handler: FaultHandler, file: string): void {
    if (this.rules.some((r) => r.handler === handler && file.includes(r.part))) {
      throw new Error(`injected test fault in ${handler} (MICROAGENT_TEST_FAULT)`);
    }
  }
}
