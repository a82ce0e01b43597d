// The serializer's size limits for a configuration (agent facts §3.9, §3.11): the emitter page, the
// largest message it is sized for, and the builder's fixed buffers.
import type { AgentConfig } from '../config/agent-config';
import { UNLIMITED, type BuilderLimits } from './schema/flatcc-builder';

export interface SerializerLimits {
  /** MAX_MESSAGE_SIZE = 500 + 36 * IPv4 cache + 60 * IPv6 cache. */
  maxMessageSize: number;
  /** FLATCC_EMITTER_PAGE_SIZE (hand-set or derived), or Infinity with ASC_DYNAMIC_MEMORY_ENABLED (pages are malloc'ed). */
  pageSize: number;
  builder: BuilderLimits;
}

export function effectiveIpv6Cache(cfg: AgentConfig): number {
  return cfg.ipv6Disabled || !cfg.networkActivityEnabled ? 0 : cfg.maxIpv6ObjectsInCache;
}

export function effectiveIpv4Cache(cfg: AgentConfig): number {
  return cfg.networkActivityEnabled ? cfg.maxIpv4ObjectsInCache : 0;
}

export function serializerLimits(cfg: AgentConfig): SerializerLimits {
  const maxMessageSize = 500 + 36 * effectiveIpv4Cache(cfg) + 60 * effectiveIpv6Cache(cfg);
  if (cfg.dynamicMemoryEnabled) return { maxMessageSize, pageSize: Infinity, builder: UNLIMITED };
  // (MIN_PAGE_SIZE + 63) & ~127, which can round below 2 * MAX_MESSAGE_SIZE; page_allocator.h only
  // derives it when the build did not define FLATCC_EMITTER_PAGE_SIZE itself.
  const hand = cfg.emitterPageSize;
  const pageSize = hand !== undefined && Number.isInteger(hand) && hand > 0 ? hand : (2 * maxMessageSize + 63) & ~127;
  return {
    maxMessageSize,
    pageSize,
    builder: { pageSize, dataStackSize: 512, vtableDescriptors: 15, vtableCacheBytes: 256 },
  };
}
