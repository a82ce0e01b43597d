// A tiny DocumentService for in-process protocol tests only: it lets the handlers be tested on every feature
// (fixes, snippets, symbols, a service that throws) independently of the real checkers.
import type { DocumentService } from '../../src-core/language/service';
import type { Diagnostic } from '../../src-core/language/types';
import { documentServices } from '../../src-core/language/services';

export const widgetService: DocumentService = {
  id: 'test-widget',
  title: 'test widget file',
  recognizes: (p) => p.endsWith('.widget.h'),
  validate(doc, ctx) {
    const out: Diagnostic[] = [];
    for (let line = 0; line < doc.lineCount; line++) {
      const text = doc.lineText(line);
      if (text.includes('THROW')) throw new Error('widget checker exploded');
      const m = /BAD(\w*)/.exec(text);
      if (m) {
        const range = { start: { line, character: m.index }, end: { line, character: m.index + 3 } };
        out.push({ code: 'MA901', severity: 'warning', message: `bad widget ${m[1]}`, range, file: doc.path, fixes: [{ title: 'Make it GOOD', preferred: true, edits: [{ range, newText: 'GOOD' }] }] });
      }
      if (text.includes('NEEDNX')) {
        const nx = ctx.files.readText(doc.path.replace(/[^/]+$/, 'nx_user.h')) ?? '';
        if (!nx.includes('NX_ENABLE_IP_PACKET_FILTER')) out.push({ code: 'MA902', severity: 'error', message: 'nx_user.h lacks the packet filter', range: { start: { line, character: 0 }, end: { line, character: 6 } }, file: doc.path });
      }
    }
    return out;
  },
  hover: (doc, pos) => ({ contents: `**widget** line ${pos.line + 1}: ${doc.lineText(pos.line)}` }),
  complete: () => [{ label: 'GOOD', kind: 'option', insertText: 'GOOD ${1:name}', snippet: true, documentation: 'a *good* widget' }],
  symbols: (doc) => [
    {
      name: 'widgets',
      kind: 'section',
      range: { start: { line: 0, character: 0 }, end: { line: doc.lineCount - 1, character: 0 } },
      selectionRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      children: [{ name: 'first', kind: 'option', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, selectionRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } }],
    },
  ],
};

/** Puts the widget service first in the registry; returns the undo. */
export function registerWidgetService(): () => void {
  documentServices.unshift(widgetService);
  return () => {
    const i = documentServices.indexOf(widgetService);
    if (i >= 0) documentServices.splice(i, 1);
  };
}
