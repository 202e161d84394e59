/** The load layer's entry point: inputs → SourceFiles (read lazily, one at a time), notices, usage errors. */
import { readKustomizeTrees } from './kustomize.js';
import { MAX_FILE_BYTES, readSourceFile, readStdin } from './read.js';
import type { SourceFile } from './source.js';
import { walkInputs, type InputFiles, type WalkOptions } from './walk.js';

export interface LoadOptions extends WalkOptions {
  /** Parse with the complete YAML parser only (no fast paths). */
  readonly precise?: boolean;
  /** Display name of stdin (`--stdin-filename`). */
  readonly stdinName?: string;
  /** Reads all of stdin (at most `limit + 1` bytes); injected so tests need no real stdin. */
  readonly readStdin: (limit: number) => Buffer;
}

export interface LoadResult {
  /** Read and parsed as they are iterated, so a run holds one file's parsed values at a time. */
  readonly sources: Iterable<SourceFile>;
  readonly notices: string[];
  readonly missing: string[];
  /** What each input brought in (stdin as `-`), in command-line order. */
  readonly inputs: InputFiles[];
}

export function loadInputs(inputs: readonly string[], options: LoadOptions): LoadResult {
  const paths = inputs.filter((input) => input !== '-');
  const walked = walkInputs(paths, options);
  const stdinName = options.stdinName ?? '<stdin>';
  // kustomizations first, so each manifest is known as a resource or a patch when it is read
  const kustomize = readKustomizeTrees(walked.entries, options.cwd);
  const notices = [
    ...walked.notices,
    ...kustomize.roots.map((root) => `${root}: a kustomize tree, linted file by file (patches as parts of objects); to lint what it applies: kubectl kustomize ${root} | k8s-svc-lint -`),
  ];
  function* sources(): Generator<SourceFile> {
    const precise = options.precise ?? false;
    for (const entry of walked.entries) {
      const file = readSourceFile(entry, precise);
      const placement = kustomize.placements.get(entry.absolute);
      if (placement) file.kustomize = placement;
      yield file;
    }
    if (inputs.includes('-')) yield readStdin(stdinName, options.readStdin(MAX_FILE_BYTES), precise);
  }
  const byInput = new Map(walked.inputs.map((input) => [input.input, input]));
  const described = inputs.map((input): InputFiles => (input === '-' ? { input, kind: 'stdin', files: [stdinName] } : byInput.get(input)!));
  return { sources: sources(), notices, missing: walked.missing, inputs: described };
}
