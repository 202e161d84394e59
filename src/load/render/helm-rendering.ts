/**
 * Mapping a finding on `helm template` output back to the chart. Each rendered document starts
 * with `# Source: CHART/templates/FILE.yaml`, naming the template it came from. A template is
 * not YAML, so the line is found by its text: the template line that reads as the rendered line
 * does (the same occurrence of it), else the first line setting the same key, else the
 * template's first line. The message keeps the rendered line, so the value is never lost.
 */
import path from 'node:path';
import type { Path } from '../positions.js';
import type { AuthorPlace, Environment, Rendering } from '../rendering.js';
import type { SourceFile } from '../source.js';
import type { AuthorFiles } from './author-files.js';

/** The rendered line at `offset`, trimmed and cut short, for a message. */
export function renderedLine(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end === -1 ? undefined : end).trim();
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

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
  ) {
    this.environment = { name: shown, tool: 'helm' };
  }

  place(output: SourceFile, docIndex: number, path: Path, target: 'key' | 'value'): AuthorPlace | undefined {
    const span = output.locate(docIndex, path, target);
    if (!span) return undefined;
    const source = output.templateAt(span.start);
    const line = renderedLine(output.text, span.start);
    const note = `rendered as ${JSON.stringify(line)}`;
    const file = source ? this.files.get(templateFile(this.chartDir, source)) : undefined;
    if (!file) return undefined;
    // which occurrence of this line, among the lines of its document
    const documentStart = output.documentSpans[docIndex]?.start ?? 0;
    const occurrence = linesOf(output.text.slice(documentStart, span.start)).filter((l) => l === line).length;
    return { file, span: findLine(file.text, line, occurrence), note };
  }
}

function linesOf(text: string): string[] {
  return text.split('\n').map((l) => l.trim());
}

/** The span of the template line that renders `line` (see the file comment). */
function findLine(text: string, line: string, occurrence: number): { start: number; end: number } {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const spanOf = (i: number) => {
    const indent = lines[i]!.length - lines[i]!.trimStart().length;
    return { start: starts[i]! + indent, end: starts[i]! + lines[i]!.trimEnd().length };
  };
  const same = lines.flatMap((l, i) => (l.trim() === line ? [i] : []));
  if (same.length > 0) return spanOf(same[Math.min(occurrence, same.length - 1)]!);
  const key = /^(?:- )?([^\s:{}]+):/.exec(line)?.[1];
  if (key) {
    const keyed = lines.findIndex((l) => l.trim().replace(/^- /, '').startsWith(`${key}:`));
    if (keyed >= 0) return spanOf(keyed);
  }
  return { start: 0, end: 0 };
}
