/**
 * Mapping a finding on `helm template` output back to the chart. Each rendered document starts
 * with `# Source: CHART/templates/FILE.yaml`, naming the template it came from. A template is
 * not YAML, so the line is found by its text: the template line that reads as the rendered line
 * does (the same occurrence of it), else the first line setting the same key, else the
 * template's first line. When that template line writes one value (`{{ .Values.service.port }}`)
 * that a values file sets to what was rendered, the finding points at the values file's line
 * instead: the value is wrong there, not in the template. The message keeps the rendered line.
 */
import path from 'node:path';
import type { Path } from '../positions.js';
import { lineAt, type AuthorPlace, type Environment, type Rendering } from '../rendering.js';
import type { SourceFile } from '../source.js';
import type { AuthorFiles } from './author-files.js';

/** `web/templates/service.yaml` of chart folder `charts/web` → `charts/web/templates/service.yaml` (absolute). */
export function templateFile(chartDir: string, source: string): string {
  return path.join(chartDir, ...source.split('/').slice(1));
}

export class HelmRendering implements Rendering {
  readonly environment: Environment;

  constructor(
    shown: string,
    private readonly chartDir: string,
    private readonly files: AuthorFiles,
    /** The chart's values.yaml, then each `--helm-values` file (a later one wins), absolute. */
    private readonly valuesFiles: readonly string[],
  ) {
    this.environment = { name: shown, tool: 'helm' };
  }

  place(output: SourceFile, docIndex: number, path: Path, target: 'key' | 'value'): AuthorPlace | undefined {
    const span = output.locate(docIndex, path, target);
    if (!span) return undefined;
    const source = output.templateAt(span.start);
    const line = lineAt(output.text, span.start);
    const note = `rendered as ${JSON.stringify(line)}`;
    const file = source ? this.files.get(templateFile(this.chartDir, source)) : undefined;
    if (!file) return undefined;
    // which occurrence of this line, among the lines of its document
    const documentStart = output.documentSpans[docIndex]?.start ?? 0;
    const occurrence = linesOf(output.text.slice(documentStart, span.start)).filter((l) => l === line).length;
    const found = findLine(file.text, line, occurrence);
    return this.inValues(found.text, line, source!) ?? { file, span: found.span, note };
  }

  /** The values file line that sets the one value a template line writes, when it is what was rendered. */
  private inValues(templateLine: string, rendered: string, source: string): AuthorPlace | undefined {
    const references = [...templateLine.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)];
    if (references.length !== 1) return undefined;
    const path = references[0]![1]!.split('.').slice(1);
    for (const valuesFile of [...this.valuesFiles].reverse()) {
      const file = this.files.get(valuesFile);
      if (!file) continue;
      let value: unknown = this.files.documents(file)[0];
      for (const key of path) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
      if (value === undefined) continue;
      // the value rendered is this one (a later file may set it; an earlier one is then not it)
      if (typeof value === 'object' || value === null || !rendered.includes(String(value))) return undefined;
      const span = file.locate(0, path, 'value');
      return span ? { file, span, note: `rendered as ${JSON.stringify(rendered)} by ${source}` } : undefined;
    }
    return undefined;
  }
}

function linesOf(text: string): string[] {
  return text.split('\n').map((l) => l.trim());
}

/** The template line that renders `line` (see the file comment): its span and text. */
function findLine(text: string, line: string, occurrence: number): { span: { start: number; end: number }; text: string } {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const spanOf = (i: number) => {
    const indent = lines[i]!.length - lines[i]!.trimStart().length;
    return { span: { start: starts[i]! + indent, end: starts[i]! + lines[i]!.trimEnd().length }, text: lines[i]! };
  };
  const same = lines.flatMap((l, i) => (l.trim() === line ? [i] : []));
  if (same.length > 0) return spanOf(same[Math.min(occurrence, same.length - 1)]!);
  const key = /^(?:- )?([^\s:{}]+):/.exec(line)?.[1];
  if (key) {
    const keyed = lines.findIndex((l) => l.trim().replace(/^- /, '').startsWith(`${key}:`));
    if (keyed >= 0) return spanOf(keyed);
  }
  return { span: { start: 0, end: 0 }, text: '' };
}
