// The limits of the agent's flatcc builder (emitter page, data stack, vtable cache) and the failure a
// build meets when one runs out, named in the real serializer's terms.

/** Why a build failed, in the terms of the real serializer (agent facts §3.11). */
export type BuildFailureKind =
  /** The message outgrew half the emitter page: an NX_ASSERT in a default build. */
  | 'page-overflow'
  /** The 512-byte data stack (DS_SIZE) ran out: fails without an assert, and the stale stack position
   *  makes every later message fail too. */
  | 'builder-stack'
  /** More distinct vtables than the 256-byte descriptor buffer (VD_SIZE) holds: an assert. */
  | 'vtable-cache';

export class BuildFailure extends Error {
  constructor(
    readonly kind: BuildFailureKind,
    message: string,
  ) {
    super(message);
  }
  /** True when the real builder reports this through FLATCC_ASSERT (NX_ASSERT in NetX Duo builds). */
  get asserts(): boolean {
    return this.kind !== 'builder-stack';
  }
}

export interface BuilderLimits {
  /** FLATCC_EMITTER_PAGE_SIZE; the front (data) and the back (vtables) each get half. Infinity: unbounded. */
  pageSize: number;
  /** DS_SIZE of the custom builder allocator (512); Infinity: unbounded. */
  dataStackSize: number;
  /** VD_SIZE / 16 - 1 distinct vtables (15); VB_SIZE bytes of cached vtables (256). */
  vtableDescriptors: number;
  vtableCacheBytes: number;
}

export const UNLIMITED: BuilderLimits = {
  pageSize: Infinity,
  dataStackSize: Infinity,
  vtableDescriptors: Infinity,
  vtableCacheBytes: Infinity,
};
