/**
 * `--render`: every kustomization root and Helm chart of the input built by the user's own
 * tools, a few at a time. Each success is an environment (a rendered SourceFile whose objects
 * are linted, mapped back to the author's files); each failure is the tool's message on the
 * kustomization or chart; a missing tool, or a failure of the machine rather than of the tree,
 * is a notice, and those trees are linted file by file as without `--render`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KustomizeBuild } from '../kustomize.js';
import { parseText } from '../parse.js';
import { SourceFile } from '../source.js';
import { displayPath } from '../walk.js';
import { AuthorFiles } from './author-files.js';
import { buildKustomization, templateChart, type BuildResult } from './builds.js';
import { HelmRendering, templateFile } from './helm-rendering.js';
import { KustomizeRendering, takeOrigins } from './kustomize-rendering.js';
import { inPool } from './process.js';
import { helmCommand, kustomizeCommand, type Env } from './tools.js';

export interface RenderSettings {
  /** The environment the tools run with (PATH finds them). */
  readonly env: Env;
  /** `--kustomize-command`. */
  readonly kustomizeCommand?: string;
  /** `--helm-values`, absolute. */
  readonly helmValues: readonly string[];
}

/** A build that failed: a finding on `file` (absolute). */
export interface FailedBuild {
  readonly file: string;
  readonly message: string;
  /** The entry of the kustomization that failed (`missing.yaml`), when the message names one. */
  readonly entry?: string;
  /** The template line the message names (Helm). */
  readonly line?: number;
  readonly column?: number;
}

export interface Renderings {
  /** The rendered output of each environment, parsed, with its Rendering set. */
  readonly outputs: readonly SourceFile[];
  /** By absolute path: the environments whose output holds the file's objects or applied it as a patch. */
  readonly consumedBy: ReadonlyMap<string, readonly string[]>;
  /** Files findings may be mapped into (absolute): origins, patches, kustomizations, templates. */
  readonly authors: AuthorFiles;
  /** Absolute paths of author files that are templates (not YAML: read as text only). */
  readonly templates: ReadonlySet<string>;
  readonly failures: readonly FailedBuild[];
  readonly notices: readonly string[];
  /** Roots (as displayed) built: their files are linted through the rendered objects. */
  readonly builtRoots: ReadonlySet<string>;
}

/** Builds run at once: the tools are single-threaded, the machine may have few cores. */
const PARALLEL_BUILDS = 4;

export async function renderInputs(
  builds: readonly KustomizeBuild[],
  charts: readonly string[],
  settings: RenderSettings,
  options: { readonly cwd: string; readonly precise: boolean },
): Promise<Renderings> {
  const authors = new AuthorFiles(options.precise);
  const outputs: SourceFile[] = [];
  const consumedBy = new Map<string, string[]>();
  const templates = new Set<string>();
  const failures: FailedBuild[] = [];
  const notices: string[] = [];
  const builtRoots = new Set<string>();
  const consume = (file: string, environment: string) => {
    const list = consumedBy.get(file);
    if (!list) consumedBy.set(file, [environment]);
    else if (!list.includes(environment)) list.push(environment);
  };
  // the same failure of a kustomization several roots include is one finding naming them
  const failedBuilds = new Map<string, { file: string; error: string; command: string; where: Omit<FailedBuild, 'file' | 'message'>; roots: string[] }>();
  const failed = (result: Extract<BuildResult, { error: string }>, shown: string, command: string) => {
    // (a chart's files are templates: text, not YAML)
    if (command.startsWith('helm')) templates.add(result.file);
    if (result.setup) return notices.push(`${shown}: not rendered (${result.setup}): linted file by file instead`);
    const where = pick(result);
    const key = JSON.stringify([result.file, where, result.error, command]);
    const known = failedBuilds.get(key);
    if (known) known.roots.push(shown);
    else failedBuilds.set(key, { file: result.file, error: result.error, command, where, roots: [shown] });
  };

  const roots = builds.filter((b) => !b.component);
  for (const component of builds.filter((b) => b.component)) {
    notices.push(`${component.shown}: a kustomize Component that no kustomization of the input uses: linted file by file`);
  }
  if (roots.length > 0) {
    const found = kustomizeCommand(settings.kustomizeCommand, settings.env);
    if ('missing' in found) {
      for (const root of roots) notices.push(`${root.shown}: not rendered (${found.missing}), linted file by file instead; to render it: kubectl kustomize ${root.shown}`);
    } else {
      const results = await inPool(roots, PARALLEL_BUILDS, (root) => buildKustomization(root, found.command, settings.env, options.cwd));
      results.forEach((result, i) => {
        const root = roots[i]!;
        if ('error' in result) return failed(result, root.shown, found.command.shown);
        builtRoots.add(root.shown);
        const output = parsedOutput(`${root.shown === '.' ? '' : `${root.shown}/`}(${found.command.shown})`, result.output, options.precise);
        const documents = takeOrigins(output.documents.map((d) => d.value), result.resolve);
        output.rendering = new KustomizeRendering(root, documents, authors);
        outputs.push(output);
        for (const doc of documents) if (doc.origin) consume(doc.origin, root.shown);
        for (const patch of root.patches) if (patch.file) consume(patch.file, root.shown);
        // (a kustomization is read by the build, not applied: nothing of its own to lint)
        for (const file of root.kustomizations) consume(file, root.shown);
        for (const file of consumedBy.keys()) authors.want(file);
        for (const patch of root.patches) if (patch.inline) authors.want(patch.inline.kustomization);
        for (const doc of documents) if (doc.generator) authors.want(doc.generator.file);
        authors.want(root.file);
      });
    }
  }

  if (charts.length > 0) {
    const found = helmCommand(settings.env);
    if ('missing' in found) {
      for (const chart of charts) {
        const shown = displayPath(options.cwd, chart);
        notices.push(`${shown}: a Helm chart, not rendered (${found.missing}); to lint it: helm template ${shown} | k8s-svc-lint -`);
      }
    } else {
      const results = await inPool(charts, PARALLEL_BUILDS, (chart) => templateChart(chart, found.command, settings.helmValues, settings.env, options.cwd));
      results.forEach((result, i) => {
        const chart = charts[i]!;
        const shown = displayPath(options.cwd, chart);
        if ('error' in result) return failed(result, shown, found.command.shown);
        const output = parsedOutput(`${shown === '.' ? '' : `${shown}/`}(${found.command.shown})`, result.output, options.precise);
        const valuesFiles = [path.join(chart, 'values.yaml'), ...settings.helmValues];
        output.rendering = new HelmRendering(shown, chart, authors, valuesFiles);
        outputs.push(output);
        for (const match of result.output.matchAll(/^# Source: (.+)$/gm)) templates.add(templateFile(chart, match[1]!.trim()));
        for (const template of templates) {
          authors.want(template);
          consume(template, shown);
        }
        for (const file of valuesFiles) if (existsSync(file)) authors.want(file);
      });
    }
  }
  for (const { file, error, command, where, roots: failedRoots } of failedBuilds.values()) {
    const what = failedRoots.length === 1 ? `${command} ${failedRoots[0]} failed` : `${command} fails for the ${failedRoots.length} roots that include this (${failedRoots.join(', ')})`;
    failures.push({ file, message: `${what}: ${error}`, ...where });
  }
  return { outputs, consumedBy, authors, templates, failures, notices, builtRoots };
}

function pick(result: { entry?: string; line?: number; column?: number }): Omit<FailedBuild, 'file' | 'message'> {
  return { ...(result.entry ? { entry: result.entry } : {}), ...(result.line ? { line: result.line } : {}), ...(result.column ? { column: result.column } : {}) };
}

function parsedOutput(display: string, text: string, precise: boolean): SourceFile {
  return new SourceFile(display, text, 'yaml', parseText(text, 'yaml', false, precise), { precise });
}
