// `microagent decode FILE`: prints a security message (binary FlatBuffers or its base64) as JSON,
// and names the byte offset when the buffer is corrupt.
import { resolve } from 'node:path';
import { InputFileError, readInputBytes } from '../../util/input-file';
import { applyInputLimits, MAX_FILE_SIZE_FLAG, maxFileSizeHelp } from '../input-limits-flag';
import type { CliCommand, CliIo } from '../command';
import { parseArgs, UsageError } from '../args';
import { decodeMessage, DecodeError } from '../../agent/schema/decode';
import { messageToJson } from '../../agent/schema/json-view';

const help = `Usage: microagent decode FILE [--raw]

Prints an AzureIoTSecurity.Message (the agent's FlatBuffers telemetry body) as JSON with the flatcc
printer's field names. FILE holds the binary message or its base64 text (detected). A packet capture
(pcap, pcapng) is not a message: \`microagent simulate --capture FILE\` runs the agent over it.

Options:
  --raw                      leave out the address text added beside each record's raw address
                             struct
${maxFileSizeHelp(29)}
Exit status: 0 decoded; 2 bad usage, a file that cannot be read (missing, a device or FIFO, over the
message size limit), a capture, or bytes that are not a valid security message.
`;

/** Base64 when every byte is base64 text (whitespace allowed) and it decodes to a plausible message. */
export function detectBase64(bytes: Uint8Array): Uint8Array | undefined {
  const textual = bytes.every((b) => /[A-Za-z0-9+/=\s_-]/.test(String.fromCharCode(b)));
  if (!textual || bytes.length === 0) return undefined;
  const decoded = Buffer.from(Buffer.from(bytes).toString('latin1').replace(/\s+/g, ''), 'base64');
  return decoded.length >= 8 ? new Uint8Array(decoded) : undefined;
}

/** pcap (either byte order, micro- or nanosecond) or pcapng, by the file's magic number. */
export function captureKind(bytes: Uint8Array): 'pcap' | 'pcapng' | undefined {
  if (bytes.length < 4) return undefined;
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  if (magic === 0x0a0d0d0a) return 'pcapng';
  if (magic === 0xa1b2c3d4 || magic === 0xd4c3b2a1 || magic === 0xa1b23c4d || magic === 0x4d3cb2a1) return 'pcap';
  return undefined;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { raw: {}, ...MAX_FILE_SIZE_FLAG });
  if (parsed.positional.length !== 1) throw new UsageError('give one message file');
  const file = parsed.positional[0];
  applyInputLimits(parsed, io.cwd);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readInputBytes(resolve(io.cwd, file), 'message'));
  } catch (err) {
    const why = err instanceof InputFileError ? err.problem : (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    io.stderr(`microagent decode: ${file}: ${why}\n`);
    return 2;
  }
  const capture = captureKind(bytes);
  if (capture) {
    io.stderr(`microagent decode: ${file} is a packet capture (${capture}), not a security message. To see what the agent would send for this traffic, run \`microagent simulate --capture ${file}\`.\n`);
    return 2;
  }
  const b64 = detectBase64(bytes);
  const body = b64 ?? bytes;
  try {
    const json = messageToJson(decodeMessage(body), { addressText: !parsed.flags.has('raw') });
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof DecodeError) {
      io.stderr(`microagent decode: ${file}${b64 ? ' (base64, offsets in the decoded bytes)' : ''}: not a valid security message ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

export const decodeCommand: CliCommand = { name: 'decode', summary: 'print a security message (FlatBuffers, binary or base64) as JSON', help, run };
