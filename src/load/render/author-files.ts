/**
 * The files a rendered environment was made from (resources, patches, kustomizations, chart
 * templates), as the run read them: findings on rendered objects are mapped back into them.
 */
import { parseText } from '../parse.js';
import type { SourceFile } from '../source.js';

export class AuthorFiles {
  private readonly wanted = new Set<string>();
  private readonly byPath = new Map<string, SourceFile>();
  private readonly values = new Map<SourceFile, readonly unknown[]>();

  constructor(private readonly precise: boolean) {}

  /** A file mapping may point into (absolute): the loader hands it over when it reads it. */
  want(absolute: string): void {
    this.wanted.add(absolute);
  }

  /** Every file wanted, absolute. */
  get all(): ReadonlySet<string> {
    return this.wanted;
  }

  /** Keeps the file read from `absolute` when it is wanted. */
  offer(absolute: string, file: SourceFile): void {
    if (this.wanted.has(absolute) && !this.byPath.has(absolute)) this.byPath.set(absolute, file);
  }

  get(absolute: string): SourceFile | undefined {
    return this.byPath.get(absolute);
  }

  /** A file's documents as plain values (parsed again: the run released its parsed values). */
  documents(file: SourceFile): readonly unknown[] {
    let found = this.values.get(file);
    if (!found) {
      found = file.problem ? [] : parseText(file.text, file.format, false, this.precise).documents.map((d) => d.value);
      this.values.set(file, found);
    }
    return found;
  }
}
