// The time of an input's first record, which `--from 300` counts from: a capture's first packet, a conn.log's
// first synthetic packet (the earliest flow start, as the simulator feeds it), an event script's earliest event.
import { feedConnLog } from '../agent/conn-log-packets';
import type { InputKind } from '../agent/input-kind';
import { readEventScript } from '../traffic/event-script';
import { readTrace } from '../traffic/trace-reader';

export function firstRecordTime(file: string, kind: InputKind): number | undefined {
  let first: number | undefined;
  if (kind === 'event-script') {
    readEventScript(file, (ev) => {
      if (first === undefined || ev.time < first) first = ev.time;
    });
    return first;
  }
  const stop = (p: { time: number }) => {
    first = p.time;
    return false;
  };
  if (kind === 'conn-log') feedConnLog(file, stop);
  else readTrace(file, stop);
  return first;
}
