// Text from inputs (feed labels, DNS names, device ids, file names, quoted values) as a terminal, a CI log or a
// message may show it: control characters written as escapes (an ESC sequence must not clear a screen or forge
// a line, a bidirectional override must not reorder what is read), and long values shortened.

// C0 controls but tab and line feed, DEL, C1 controls (0x9b is CSI on some terminals), the Unicode line and
// paragraph separators, and the bidirectional embeddings, overrides and isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters written as `\u001b`; line feeds and tabs kept. The escape is valid inside a JSON string
 *  too, so the whole output of a command (JSON and SARIF included) can go through this unchanged in meaning. */
export function escapeControls(text: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text) ? text.replace(CONTROL, escape) : text;
}

export function safeText(text: string, max = 2000): string {
  const cleaned = escapeControls(text);
  return cleaned.length > max ? `${cutAt(cleaned, max)}... (${cleaned.length - max} more characters)` : cleaned;
}

/** One line: line breaks too are escaped. */
export function safeLine(text: string, max = 2000): string {
  return safeText(text.replace(/\r?\n|\t/g, (c) => (c === '\t' ? ' ' : '\\n')), max);
}

/** Longest value quoted whole in a message. */
export const QUOTED_VALUE_MAX = 80;

/**
 * A value from an input as a message quotes it: whole when short, else its start and its length
 * (`aaaa… (10485760 characters)`), so a 10 MB value does not come back whole in every report and editor.
 */
export function shortValue(value: string, max = QUOTED_VALUE_MAX): string {
  if (value.length <= max) return value;
  return `${cutAt(value, max)}… (${value.length} characters)`;
}

/**
 * A value from a JSON input as a message quotes it: a string as JSON writes it (quotes, escapes), shortened first
 * with shortValue; a number, boolean or null as written; an object or array as JSON, shortened. The same as
 * JSON.stringify for the short values of real files, so messages only change for the hostile ones.
 */
export function quoteValue(value: unknown, max = QUOTED_VALUE_MAX): string {
  if (typeof value === 'string') return JSON.stringify(shortValue(value, max));
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : shortValue(json, max);
}

/** Longest message kept whole; longer ones (built around a huge value) are shortened by boundMessage. */
export const MESSAGE_MAX = 1000;

/**
 * A message of at most about MESSAGE_MAX characters: runs of more than QUOTED_VALUE_MAX characters without a
 * space (a value quoted whole) are shortened first, then the message itself if it is still too long. Short
 * messages come back as they are.
 */
export function boundMessage(message: string, max = MESSAGE_MAX): string {
  if (message.length <= max) return message;
  const shorter = shortenRuns(message);
  return shorter.length <= max ? shorter : `${cutAt(shorter, max)}… (${message.length} characters)`;
}

/** Each run of more than QUOTED_VALUE_MAX characters without a space or quote, shortened. A loop, not a regular
 *  expression: V8's regex engine overflows its stack on a 10 MB run. */
function shortenRuns(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let run = 0;
  const flush = (end: number) => {
    if (end - run > QUOTED_VALUE_MAX) {
      parts.push(text.slice(from, run), shortValue(text.slice(run, end)));
      from = end;
    }
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c === 32 || c === 34 || c === 39 || c === 9 || c === 10 || c === 13) {
      flush(i);
      run = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The first `n` characters, without splitting a surrogate pair. */
function cutAt(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}
