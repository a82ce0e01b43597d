// The choices the retired cloud's documentation leaves open (docs/agent-facts.md §4.3: window alignment, whether a
// window's bounds are inclusive, what "outbound" means for records that carry no direction, whether the
// allowed range includes its ends), with the simulator's defaults. docs/detections.md explains each.

/** Where tumbling windows start: at whole multiples of their size since the Unix epoch (as Azure Stream
 *  Analytics' tumbling windows do), or at the device's first record. */
export type WindowAlignment = 'epoch' | 'first-record';

/** Which end of a window a record on its boundary belongs to. `end-inclusive`: (start, end], Stream
 *  Analytics' default, and right for records stamped with their collection time (they cover the seconds
 *  before it). `start-inclusive`: [start, end). */
export type WindowBounds = 'end-inclusive' | 'start-inclusive';

/** Whether a value equal to minThreshold or maxThreshold is in the allowed range. */
export type ThresholdBounds = 'inclusive' | 'exclusive';

/**
 * How a record's direction is read (the agent's records have none, §3.5): `client-port` takes the device for
 * the client when its port is the ephemeral-looking one (above 1023 and above the peer's, or the peer's is
 * below 1024); ICMP counts as outbound when the device sent bytes. `bytes-out`: any record with bytes out.
 * `any`: every record.
 */
export type OutboundRule = 'client-port' | 'bytes-out' | 'any';

export interface CloudOptions {
  windowAlignment: WindowAlignment;
  windowBounds: WindowBounds;
  thresholdBounds: ThresholdBounds;
  outbound: OutboundRule;
  /** An IP filter rule with a shorter IPv4 prefix than this allows "a large IP range" (§4.6; undocumented). */
  permissiveRulePrefixLength: number;
  /** Flows listed as evidence per finding (the counts cover them all). */
  maxFlowsPerFinding: number;
  /** Windows listed per custom alert (the count covers them all). */
  maxWindowsPerFinding: number;
}

export const defaultCloudOptions: Readonly<CloudOptions> = Object.freeze({
  windowAlignment: 'epoch',
  windowBounds: 'end-inclusive',
  thresholdBounds: 'inclusive',
  outbound: 'client-port',
  permissiveRulePrefixLength: 16,
  maxFlowsPerFinding: 20,
  maxWindowsPerFinding: 50,
});

export const WINDOW_ALIGNMENTS: readonly WindowAlignment[] = ['epoch', 'first-record'];
export const WINDOW_BOUNDS: readonly WindowBounds[] = ['end-inclusive', 'start-inclusive'];
export const THRESHOLD_BOUNDS: readonly ThresholdBounds[] = ['inclusive', 'exclusive'];
export const OUTBOUND_RULES: readonly OutboundRule[] = ['client-port', 'bytes-out', 'any'];
