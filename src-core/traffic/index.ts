// The traffic layer's public surface, in one import (also the entry of the bench bundle).
export { DecodedPacket } from './packet';
export { readTrace, captureFormatOf } from './trace-reader';
export type { TraceResult, TraceError, PacketCallback, ReadOptions } from './trace-result';
export { decodeFrame, LinkType, linkTypeName } from './link-layer';
export { decodeDns } from './dns';
export type { DnsMessage, DnsAnswer, DnsQuestion } from './dns';
export { readConnLog } from './conn-log';
export type { FlowRecord, FlowReadResult } from './flow-record';
export { readEventScript, packetFromEvent } from './event-script';
export type { ScriptEvent, ScriptReadResult, EventType } from './event-script';
export { PcapWriter } from './pcap-writer';
export { generateBench, generateScenario } from './generator';
export { generateBusyDevice, BUSY_DEVICE } from './busy-device';
export { manyFlowsScenario, iotDeviceScenario, checkScenario } from './scenario';
export { parseIpBytes, parseIpv4, parseIpv6, formatIpv4, formatIpv6 } from './ip-address';
