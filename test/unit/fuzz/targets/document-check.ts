// The editor's and `microagent check`'s path for one text file: the checking pipeline, document symbols and a
// hover, as the language server runs them. A checker that throws is caught by the pipeline and becomes a
// `failure`: for the fuzz suite that is a crash like any other.
import { checkDocument, MAX_DIAGNOSTICS_PER_FILE } from '../../../../src-core/check/check-document';
import type { SourceDocument } from '../../../../src-core/language/document';
import type { CheckContext, DocumentService } from '../../../../src-core/language/service';
import { defaultSettings } from '../../../../src-core/language/settings';
import type { ProjectConfig } from '../../../../src-core/project-config/config-file';
import { Problems, checkDiagnostics } from '../harness/outcome-checks';

const noProject = { severityOverrides: {}, suppressions: [], problems: [] } as unknown as ProjectConfig;

/** A context whose other files are the ones given (by absolute path), nothing else. */
export function memoryContext(files: Record<string, string> = {}): CheckContext {
  return { settings: defaultSettings, files: { readText: (p) => files[p], exists: (p) => p in files } };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 6).join('\n')}` : String(err);
}

/** Checks `doc` as the server would; `service` forces the checker (for files a profile names). */
export function checkAsEditor(p: Problems, doc: SourceDocument, ctx: CheckContext, service?: DocumentService): void {
  const out = checkDocument(doc, ctx, noProject, service);
  p.check(out.service !== undefined, () => `${doc.path} is not recognised by any checker`);
  if (out.failure !== undefined) {
    // The pipeline keeps only the message; asking the checker again gives the stack, for whoever fixes it.
    let stack = '';
    try { out.service?.validate(doc, ctx); } catch (err) { stack = describe(err); }
    p.add(`the check failed: ${out.failure}${stack ? `\n${stack}` : ''}`);
  }
  p.check(out.diagnostics.length <= MAX_DIAGNOSTICS_PER_FILE + 1, () => `${out.diagnostics.length} diagnostics, over the cap`);
  checkDiagnostics(p, doc, out.diagnostics, 'check');
  const s = out.service;
  if (!s) return;
  try {
    s.symbols?.(doc, ctx);
    for (const offset of [0, doc.text.length >> 1, doc.text.length]) s.hover?.(doc, doc.positionAt(offset), ctx);
  } catch (err) {
    p.add(`symbols or hover threw ${describe(err)}`);
  }
}
