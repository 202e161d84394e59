/** The load layer's entry point: inputs → SourceFiles, plus notices and usage errors. */
import { readSourceFile, readStdin } from './read.js';
import type { SourceFile } from './source.js';
import { walkInputs, type WalkOptions } from './walk.js';

export interface LoadOptions extends WalkOptions {
  /** Display name of stdin (`--stdin-filename`). */
  readonly stdinName?: string;
  /** Reads all of stdin; injected so tests need no real stdin. */
  readonly readStdin: () => Buffer;
}

export interface LoadResult {
  readonly files: SourceFile[];
  readonly notices: string[];
  readonly missing: string[];
}

export function loadInputs(inputs: readonly string[], options: LoadOptions): LoadResult {
  const paths = inputs.filter((input) => input !== '-');
  const walked = walkInputs(paths, options);
  const files = walked.entries.map(readSourceFile);
  if (inputs.includes('-')) files.push(readStdin(options.stdinName ?? '<stdin>', options.readStdin()));
  return { files, notices: walked.notices, missing: walked.missing };
}
