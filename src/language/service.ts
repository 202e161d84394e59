/**
 * The language service: editor features over a workspace, without any transport (the split of
 * Microsoft's JSON language service and Red Hat's YAML language server). The language server
 * maps protocol messages onto these calls; tests call them directly.
 *
 * - doValidation: the findings of every file whose findings changed since the last call
 *   (cross-file: editing a Deployment's labels changes the finding in the Service's file);
 * - doHover, findDefinition, findReferences: the Service graph under the cursor;
 * - getCodeActions: quick fixes for the findings in a range.
 */
import type { Analysis } from '../pipeline.js';
import type { Diagnostic } from '../report/diagnostic.js';
import { safeText } from '../report/safe-text.js';
import { actionsFor } from './actions.js';
import { fileRange, rangesOverlap, startsWith, toRange, Workbench } from './cursor.js';
import { hoverAt } from './hover.js';
import type { EditorCodeAction, EditorDiagnostic, EditorHover, FileRange, Position, Range } from './types.js';
import type { Workspace } from './workspace.js';

export class LanguageService {
  /** What was last returned by doValidation, per file, to tell which files changed. */
  private readonly published = new Map<string, string>();
  private bench?: { analysis: Analysis; bench: Workbench; diagnostics: Map<string, Diagnostic[]> };

  constructor(readonly workspace: Workspace) {}

  /** The findings of every file whose findings changed since the last call (every file with findings, the first time). */
  doValidation(): Map<string, EditorDiagnostic[]> {
    const { diagnostics } = this.current();
    const changed = new Map<string, EditorDiagnostic[]>();
    const seen = new Set<string>();
    for (const [file, list] of diagnostics) {
      seen.add(file);
      const shown = list.map(toEditorDiagnostic);
      const key = JSON.stringify(shown);
      if (this.published.get(file) === key || (key === '[]' && !this.published.has(file))) continue;
      this.published.set(file, key);
      changed.set(file, shown);
    }
    for (const file of [...this.published.keys()]) {
      if (seen.has(file)) continue;
      this.published.delete(file);
      changed.set(file, []);
    }
    return changed;
  }

  /**
   * Defects of this tool met in the analysis as it is now, as the CLI words them on stderr
   * (`internal error in rule X on Service/web in web.yaml: …`, `internal error while resolving …`).
   */
  ruleFailures(): string[] {
    return this.workspace.analysis.failures.map((failure) => {
      const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
      return `internal error ${failure.during} ${failure.subject}: ${reason}`;
    });
  }

  /** The findings of one file as they are now. */
  diagnosticsOf(file: string): EditorDiagnostic[] {
    return (this.current().diagnostics.get(file) ?? []).map(toEditorDiagnostic);
  }

  doHover(file: string, position: Position): EditorHover | undefined {
    const { bench } = this.current();
    const cursor = bench.cursorAt(file, position);
    return cursor ? hoverAt(bench, cursor) : undefined;
  }

  /**
   * Where what is under the cursor points: a selector → the pod templates it selects; a
   * targetPort → the container ports it lands on; an Ingress, route or Istio backend, an env
   * value calling a Service, a StatefulSet's serviceName → the Service (and its port).
   */
  findDefinition(file: string, position: Position): FileRange[] {
    const { bench } = this.current();
    const cursor = bench.cursorAt(file, position);
    if (!cursor?.object) return [];
    const links = bench.links.inFile(cursor.file).filter((l) => l.from === cursor.object && startsWith(cursor.path, l.path));
    const deepest = Math.max(-1, ...links.map((l) => l.path.length));
    return links.filter((l) => l.path.length === deepest).flatMap((l) => l.targets.map((t) => fileRange(t.at)));
  }

  /**
   * What points at the thing under the cursor: on a Service's name, everything that calls,
   * routes to, monitors or configures it; on a port, what names that port; on pod template
   * labels, the selectors that select them.
   */
  findReferences(file: string, position: Position, includeDeclaration = false): FileRange[] {
    const { bench } = this.current();
    const cursor = bench.cursorAt(file, position);
    const object = cursor?.object;
    if (!cursor || !object) return [];
    const whole = startsWith(cursor.inObject, ['metadata', 'name']) || startsWith(cursor.inObject, ['kind']);
    const found: FileRange[] = [];
    for (const link of bench.links.into(object)) {
      // on the name: what names the object (a backend's port names a port of it, not it again)
      const hits = link.targets.some(
        (t) => t.object === object && (whole ? !t.path.slice(object.base.length).includes('ports') : startsWith(t.path, cursor.path) || startsWith(cursor.path, t.path)),
      );
      if (hits) found.push(fileRange({ file: link.from.file, docIndex: link.from.docIndex, path: link.path, target: 'value' }));
    }
    if (includeDeclaration && found.length > 0) found.unshift(fileRange(object.at('metadata', 'name')));
    return found;
  }

  /** Quick fixes for the findings of a file that overlap a range. */
  getCodeActions(file: string, range: Range): EditorCodeAction[] {
    const { bench, diagnostics } = this.current();
    const source = bench.file(file);
    if (!source) return [];
    return (diagnostics.get(file) ?? []).flatMap((diagnostic) => {
      const shown = toEditorDiagnostic(diagnostic);
      return rangesOverlap(shown.range, range) ? actionsFor(file, source.text, source.format, diagnostic, shown) : [];
    });
  }

  /** The analysis, the lookups built on it and its findings by file (rebuilt when the workspace changed). */
  private current(): { bench: Workbench; diagnostics: Map<string, Diagnostic[]> } {
    const analysis = this.workspace.analysis;
    if (this.bench?.analysis !== analysis) {
      // findings are grouped by printable path; the editor needs the file's own
      const byShown = new Map(analysis.model.files.map((f) => [safeText(f.path), f.path]));
      const diagnostics = new Map<string, Diagnostic[]>();
      for (const result of analysis.results) diagnostics.set(byShown.get(result.filePath) ?? result.filePath, [...result.messages]);
      this.bench = { analysis, bench: new Workbench(analysis.model, analysis.index), diagnostics };
    }
    return this.bench;
  }
}

function toEditorDiagnostic(diagnostic: Diagnostic): EditorDiagnostic {
  return {
    range: toRange(diagnostic),
    severity: diagnostic.severity === 2 ? 1 : 2,
    code: diagnostic.ruleId,
    message: diagnostic.message,
    related: diagnostic.related.map((r) => ({ location: { file: r.filePath, range: toRange(r) }, message: r.message })),
  };
}
