// Text from inputs (feed labels, DNS names, device ids, file names) as a terminal or CI log may show it:
// control characters written as escapes (an ESC sequence must not clear a screen or forge a line), and
// long values shortened.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function safeText(text: string, max = 2000): string {
  const cleaned = text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return cleaned.length > max ? `${cleaned.slice(0, max)}... (${cleaned.length - max} more characters)` : cleaned;
}

/** One line: line breaks too are escaped. */
export function safeLine(text: string, max = 2000): string {
  return safeText(text.replace(/\r?\n|\t/g, (c) => (c === '\t' ? ' ' : '\\n')), max);
}
