/**
 * Quick fixes for findings: the change each "did you mean" names (a selector value, a
 * targetPort or Service name replaced with the suggestion), "disable this rule for this line"
 * (a `# k8s-svc-lint-disable-next-line` comment above it, as ESLint's editors do), and removing
 * a suppression that suppresses nothing.
 */
import type { Diagnostic } from '../report/diagnostic.js';
import { UNUSED_SUPPRESSION } from '../report/suppress.js';
import { toRange } from './cursor.js';
import type { EditorCodeAction, EditorDiagnostic, TextEdit } from './types.js';

const NEXT_LINE_DIRECTIVE = /^(\s*)#\s*k8s-svc-lint-disable-next-line\b([^#]*?)(\s*(?:--.*|#.*)?)$/;

/** The actions for one finding of a file whose text is `text`. */
export function actionsFor(file: string, text: string, format: 'yaml' | 'json', diagnostic: Diagnostic, shown: EditorDiagnostic): EditorCodeAction[] {
  const actions: EditorCodeAction[] = [];
  for (const fix of diagnostic.fixes ?? []) {
    actions.push({ title: fix.message, kind: 'quickfix', isPreferred: true, diagnostics: [shown], edits: [{ file, range: toRange(fix), newText: fix.text }] });
  }
  // JSON has no comments; an unreadable file has no text to put one in
  if (format !== 'yaml' || text === '') return actions;
  if (diagnostic.ruleId === UNUSED_SUPPRESSION) {
    const removal = removeDirective(file, text, diagnostic);
    if (removal) actions.push({ title: 'Remove the unused suppression comment', kind: 'quickfix', isPreferred: true, diagnostics: [shown], edits: [removal] });
    return actions;
  }
  actions.push({ title: `Disable ${diagnostic.ruleId} for this line`, kind: 'quickfix', diagnostics: [shown], edits: [disableLine(file, text, diagnostic.line, diagnostic.ruleId)] });
  return actions;
}

/**
 * `# k8s-svc-lint-disable-next-line RULE` above the line, indented as it is; when the line
 * above already is such a comment, the rule is added to it.
 */
function disableLine(file: string, text: string, line: number, ruleId: string): TextEdit {
  const lines = text.split('\n');
  const current = lines[line - 1] ?? '';
  const above = line >= 2 ? lines[line - 2]! : undefined;
  const existing = above !== undefined ? NEXT_LINE_DIRECTIVE.exec(above) : null;
  if (existing && existing[2]!.trim() !== '') {
    const [, indent, rules, rest] = existing;
    const replaced = `${indent}# k8s-svc-lint-disable-next-line ${rules!.trim()}, ${ruleId}${rest}`;
    return { file, range: { start: { line: line - 2, character: 0 }, end: { line: line - 2, character: above!.length } }, newText: replaced };
  }
  const indent = /^[ \t]*/.exec(current)![0];
  return { file, range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } }, newText: `${indent}# k8s-svc-lint-disable-next-line ${ruleId}\n` };
}

/** An unused `# k8s-svc-lint-disable-…` comment removed: the whole line when it holds nothing else. */
function removeDirective(file: string, text: string, diagnostic: Diagnostic): TextEdit | undefined {
  // (the annotation form is a finding on the object's metadata: left to the author)
  const line = text.split('\n')[diagnostic.line - 1];
  if (line === undefined || !line.slice(diagnostic.column - 1).startsWith('#')) return undefined;
  const before = line.slice(0, diagnostic.column - 1);
  if (before.trim() === '') {
    return { file, range: { start: { line: diagnostic.line - 1, character: 0 }, end: { line: diagnostic.line, character: 0 } }, newText: '' };
  }
  const keep = before.replace(/\s+$/, '');
  return { file, range: { start: { line: diagnostic.line - 1, character: keep.length }, end: { line: diagnostic.line - 1, character: line.length } }, newText: '' };
}
