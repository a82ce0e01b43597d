// textDocument/documentSymbol: hierarchical when the client supports it, flat SymbolInformation otherwise.
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import { toLspSymbols } from '../convert';
import type { ServerContext } from '../context';

export function registerSymbols(s: ServerContext): void {
  s.connection.onDocumentSymbol((params) =>
    s.guard<DocumentSymbol[] | SymbolInformation[]>('documentSymbol', [], async () => {
      const fc = await s.featureContext(params.textDocument.uri);
      if (fc) s.faults.inject('symbols', fc.doc.path);
      const service = fc && s.serviceFor(fc.doc.path, fc.doc.text);
      const symbols = service?.symbols?.(fc!.doc, fc!.ctx) ?? [];
      return toLspSymbols(symbols, params.textDocument.uri, s.features);
    }),
  );
}
