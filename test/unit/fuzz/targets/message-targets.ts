// Fuzz target for the security-message decoder (`microagent decode`): binary FlatBuffers or its base64. A
// corrupt buffer must end in a DecodeError naming a byte inside it; a buffer that decodes must print as JSON
// no larger than linear in its size (tables shared between references must not multiply the output).
import { decodeMessage, DecodeError } from '../../../../src-core/agent/schema/decode';
import { messageToJson } from '../../../../src-core/agent/schema/json-view';
import { detectBase64 } from '../../../../src-core/cli/commands/decode';
import { Problems, checkLinear } from '../harness/outcome-checks';
import type { Target } from '../harness/target';

/** Printed JSON per input byte at most: a 36-byte IPv4 record prints as about 330 characters. */
const JSON_PER_BYTE = 24;

export const messageTarget: Target = (input) => {
  const p = new Problems();
  const bytes = input.name.endsWith('.b64') ? detectBase64(input.bytes) ?? input.bytes : input.bytes;
  let decoded: ReturnType<typeof decodeMessage>;
  try {
    decoded = decodeMessage(bytes);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    p.check(Number.isInteger(err.offset) && err.offset >= 0 && err.offset <= bytes.length, () => `DecodeError offset ${err.offset} outside the ${bytes.length}-byte buffer`);
    p.check(err.message.startsWith(`at byte ${err.offset}: `), () => `DecodeError message does not start with its byte: ${err.message}`);
    return { problems: p.list, detail: { error: err.message } };
  }
  const json = JSON.stringify(messageToJson(decoded));
  checkLinear(p, 'printed JSON characters', json.length, bytes.length, JSON_PER_BYTE, 2048);
  return { problems: p.list, detail: { events: decoded.events.length, json: json.length <= 100_000 ? json : undefined } };
};
