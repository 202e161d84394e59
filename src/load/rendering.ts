/**
 * Rendered input: what the user's own `kustomize build` / `kubectl kustomize` or `helm template`
 * makes of a kustomization root or a chart (`--render`). Each root or chart is an environment:
 * its objects are applied together, and never together with another environment's. A finding on
 * a rendered object is mapped back to the author's file and line through its `Rendering`.
 */
import type { Path, Span } from './positions.js';
import type { SourceFile } from './source.js';

export interface Environment {
  /** The root or chart folder as displayed: `overlays/prod`, `charts/web`. */
  readonly name: string;
  readonly tool: 'kustomize' | 'helm';
}

/** Where a value of a rendered object was written. */
export interface AuthorPlace {
  readonly file: SourceFile;
  readonly span: Span;
  /** What the message should add so the place reads right (Helm: the rendered line). */
  readonly note?: string;
}

export interface Rendering {
  readonly environment: Environment;
  /**
   * The author's place of a value (or its key) of the rendered file `output`'s document
   * `docIndex`; undefined when nothing better than the rendered output itself is known.
   */
  place(output: SourceFile, docIndex: number, path: Path, target: 'key' | 'value'): AuthorPlace | undefined;
  /** Rendered object names a transformer changed, with the names the author wrote (`prod-web` → `web`). */
  authorNames?(): ReadonlyMap<string, string>;
  /**
   * The author's object a rendered document was made from (`base/web.yaml#Deployment/web`): two
   * environments made from one object are alternatives, never applied together.
   */
  sourceOf?(docIndex: number): string | undefined;
}

/** `overlay overlays/prod`, `overlays overlays/dev, overlays/prod`, `chart charts/web`. */
export function describeEnvironments(tool: Environment['tool'], names: readonly string[]): string {
  const noun = tool === 'kustomize' ? 'overlay' : 'chart';
  return `${noun}${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/** The line of `text` at `offset`, trimmed and cut short: the rendered line a message quotes. */
export function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end === -1 ? undefined : end).trim();
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
