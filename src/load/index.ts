/**
 * The load layer's entry point: inputs → SourceFiles (read lazily, one at a time), notices,
 * usage errors. With `--render`, kustomization roots and Helm charts are first built by the
 * user's tools (see render/), and their rendered output is read in place of their files.
 */
import path from 'node:path';
import { listed } from '../util/text.js';
import { KUSTOMIZATION_FILE_NAMES, readKustomizeTrees, type KustomizePlacement, type KustomizeTrees } from './kustomize.js';
import { MAX_FILE_BYTES, readSourceFile, readStdin, readTextOnly } from './read.js';
import { renderInputs, type Renderings, type RenderSettings } from './render/index.js';
import type { SourceFile } from './source.js';
import { displayPath, walkInputs, type FileEntry, type InputFiles, type WalkOptions, type WalkResult } from './walk.js';

export type { RenderSettings } from './render/index.js';

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

/** What the inputs hold before anything is read: files, kustomize trees, charts. */
interface InputPlan {
  readonly inputs: readonly string[];
  readonly walked: WalkResult;
  readonly kustomize: KustomizeTrees;
}

function planInputs(inputs: readonly string[], options: LoadOptions): InputPlan {
  const walked = walkInputs(inputs.filter((input) => input !== '-'), options);
  // kustomizations first, so each manifest is known as a resource or a patch when it is read
  return { inputs, walked, kustomize: readKustomizeTrees(walked.entries, options.cwd) };
}

/** One notice for the kustomize trees linted as written (a tree of many overlays must not flood stderr). */
function unrenderedTrees(roots: readonly string[]): string[] {
  if (roots.length === 0) return [];
  if (roots.length === 1) {
    return [`${roots[0]}: a kustomize tree, linted file by file (patches as parts of objects); to lint what it applies: --render (runs kubectl kustomize ${roots[0]})`];
  }
  return [`${roots.length} kustomize trees linted file by file (patches as parts of objects): ${listed(roots)}; to lint what they apply: --render (runs kubectl kustomize on each)`];
}

/** Lints files as they are: kustomize trees file by file, Helm charts skipped. */
export function loadInputs(inputs: readonly string[], options: LoadOptions): LoadResult {
  const plan = planInputs(inputs, options);
  const notices = [
    ...plan.walked.notices,
    ...unrenderedTrees(plan.kustomize.roots),
    ...plan.walked.charts.map((chart) => {
      const shown = displayPath(options.cwd, chart);
      return `${shown}: skipped a Helm chart; to lint it: --render (runs helm template ${shown}), or helm template ${shown} | k8s-svc-lint -`;
    }),
  ];
  return { sources: readInputs(plan, options), notices, missing: plan.walked.missing, inputs: describeInputs(plan, options) };
}

/**
 * What each input brought in; with `--render`, also the files of its folder that the renderings
 * were made from and that the walk does not read (a chart's templates).
 */
function describeInputs(plan: InputPlan, options: LoadOptions, renderings?: Renderings): InputFiles[] {
  const byInput = new Map(plan.walked.inputs.map((input) => [input.input, input]));
  const rendered = renderings ? [...renderings.consumedBy.keys()] : [];
  return plan.inputs.map((input): InputFiles => {
    if (input === '-') return { input, kind: 'stdin', files: [options.stdinName ?? '<stdin>'] };
    const walked = byInput.get(input)!;
    if (walked.kind !== 'directory' || rendered.length === 0) return walked;
    const folder = path.resolve(options.cwd, input) + path.sep;
    const more = rendered.filter((file) => file.startsWith(folder)).map((file) => displayPath(options.cwd, file));
    return more.length > 0 ? { ...walked, files: [...new Set([...walked.files, ...more])] } : walked;
  });
}

/** `--render`: kustomize roots and Helm charts built by the user's tools, then read with the rest. */
export async function loadRenderedInputs(inputs: readonly string[], options: LoadOptions, settings: RenderSettings): Promise<LoadResult> {
  const plan = planInputs(inputs, options);
  const renderings = await renderInputs(plan.kustomize.builds, plan.walked.charts, settings, { cwd: options.cwd, precise: options.precise ?? false });
  return {
    sources: readInputs(plan, options, renderings),
    notices: [...plan.walked.notices, ...renderings.notices],
    missing: plan.walked.missing,
    inputs: describeInputs(plan, options, renderings),
  };
}

function* readInputs(plan: InputPlan, options: LoadOptions, renderings?: Renderings): Generator<SourceFile> {
  const precise = options.precise ?? false;
  // (in path order, rendered outputs and files from outside the input among the others: the
  // model keeps its lists in file order by sorting each file's views as it comes)
  const pending: { readonly display: string; readonly read: () => SourceFile }[] = plan.walked.entries.map((entry) => ({
    display: entry.display,
    read: () => {
      const file = readSourceFile(entry, precise);
      const placement = plan.kustomize.placements.get(entry.absolute);
      if (!renderings) {
        if (placement) file.kustomize = placement;
        return file;
      }
      // linted through the rendered objects; a file only a root that was not built uses, as it is
      const consumed = renderings.consumedBy.get(entry.absolute) ?? (placement?.roots.length === 0 ? unapplied(entry.absolute, renderings) : undefined);
      if (consumed) file.renderedIn = consumed;
      else if (placement) file.kustomize = notBuilt(placement, renderings.builtRoots);
      prepare(file, entry.absolute, renderings);
      return file;
    },
  }));
  if (renderings) {
    // files outside the input that the renderings were made from, or failed on
    const walked = new Set(plan.walked.entries.map((entry) => entry.absolute));
    const outside = new Set([...renderings.authors.all, ...renderings.failures.map((f) => f.file)].filter((file) => !walked.has(file)));
    for (const absolute of outside) {
      const entry: FileEntry = { absolute, display: displayPath(options.cwd, absolute) };
      pending.push({
        display: entry.display,
        read: () => {
          const file = renderings.templates.has(absolute) ? readTextOnly(entry) : readSourceFile(entry, precise);
          // its objects are not linted on their own: it is not in the input
          file.renderedIn = renderings.consumedBy.get(absolute) ?? [];
          prepare(file, absolute, renderings);
          return file;
        },
      });
    }
    for (const output of renderings.outputs) pending.push({ display: output.path, read: () => output });
    pending.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  }
  for (const item of pending) yield item.read();
  if (plan.inputs.includes('-')) yield readStdin(options.stdinName ?? '<stdin>', options.readStdin(MAX_FILE_BYTES), precise);
}

/**
 * The builds that use the kustomization beside a file that it does not list (or above a
 * `patches` folder holding it): what they apply is what counts, and it is not part of that
 * (a kubebuilder scaffold's commented-out resource, a patch kept for a variant).
 */
function unapplied(file: string, renderings: Renderings): readonly string[] | undefined {
  for (const dir of [path.dirname(file), path.dirname(path.dirname(file))]) {
    for (const name of KUSTOMIZATION_FILE_NAMES) {
      const builds = renderings.consumedBy.get(path.join(dir, name));
      if (builds) return builds;
    }
  }
  return undefined;
}

/** Hands a file to the renderings that map into it, with the failures reported on it. */
function prepare(file: SourceFile, absolute: string, renderings: Renderings): void {
  renderings.authors.offer(absolute, file);
  const failures = renderings.failures.filter((f) => f.file === absolute);
  if (failures.length > 0) file.renderFailures = failures.map((f) => ({ message: f.message, span: failureSpan(file.text, f) }));
}

/** The placement of a file for the roots that were not built (the others lint it through their output). */
function notBuilt(placement: KustomizePlacement, built: ReadonlySet<string>): KustomizePlacement {
  const roots = placement.roots.filter((root) => !built.has(root));
  if (roots.length === 0 || roots.length === placement.roots.length) return placement;
  const namespaceIn = new Map([...placement.namespaceIn].filter(([root]) => roots.includes(root)));
  const namespaces = new Set(roots.map((root) => namespaceIn.get(root)));
  const only = namespaces.size === 1 ? [...namespaces][0] : undefined;
  const { namespace: _, ...rest } = placement;
  return { ...rest, roots, namespaceIn, ...(only !== undefined ? { namespace: only } : {}) };
}

/** Where a failure points: the template line it names, the kustomization entry that failed, else the file's start. */
function failureSpan(text: string, failure: { readonly entry?: string; readonly line?: number; readonly column?: number }): { start: number; end: number } {
  if (failure.line) {
    let start = 0;
    for (let line = 1; line < failure.line && start !== -1; line++) start = text.indexOf('\n', start) + 1 || -1;
    if (start >= 0) {
      const end = text.indexOf('\n', start);
      const column = Math.max(0, (failure.column ?? 1) - 1);
      return { start: start + column, end: end === -1 ? text.length : end };
    }
  }
  if (failure.entry) {
    const escaped = failure.entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^[ \\t]*(?:-[ \\t]*)?(?:path:[ \\t]*)?["']?(${escaped})["']?[ \\t]*(?:#.*)?$`, 'm').exec(text);
    if (match) {
      const start = match.index + match[0].indexOf(match[1]!);
      return { start, end: start + match[1]!.length };
    }
  }
  return { start: 0, end: 0 };
}
