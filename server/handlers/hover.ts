// textDocument/hover: the recognising service's hover, as Markdown.
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';

export function registerHover(s: ServerContext): void {
  s.connection.onHover((params) =>
    s.guard<Hover | null>('hover', null, async () => {
      const fc = await s.featureContext(params.textDocument.uri);
      if (fc) s.faults.inject('hover', fc.doc.path);
      const service = fc && s.serviceFor(fc.doc.path, fc.doc.text);
      const h = service?.hover?.(fc!.doc, params.position, fc!.ctx);
      if (!h) return null;
      return { contents: { kind: s.features.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.contents }, range: h.range };
    }),
  );
}
