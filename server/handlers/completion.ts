// textDocument/completion: the service's items; snippets only for clients that declare snippet support.
import type { CompletionItem } from 'vscode-languageserver/node';
import { toLspCompletion } from '../convert';
import type { ServerContext } from '../context';

export const completionTriggerCharacters = ['_', '"', '(', '#'];

export function registerCompletion(s: ServerContext): void {
  s.connection.onCompletion((params) =>
    s.guard<CompletionItem[]>('completion', [], async () => {
      const fc = await s.featureContext(params.textDocument.uri);
      if (fc) s.faults.inject('completion', fc.doc.path);
      const service = fc && s.serviceFor(fc.doc.path, fc.doc.text);
      const items = service?.complete?.(fc!.doc, params.position, fc!.ctx) ?? [];
      return items.map((c) => toLspCompletion(c, s.features));
    }),
  );
}
