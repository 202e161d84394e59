/**
 * Running one build: a kustomization root through a temporary kustomization outside the user's
 * tree (which lists the root by relative path and asks for origin annotations, so nothing of the
 * user's is written), or a chart through `helm template` with its default values.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IgnoreSets } from '../ignore-files.js';
import { KUSTOMIZATION_FILE_NAMES, type KustomizeBuild } from '../kustomize.js';
import { run } from './process.js';
import type { Command, Env } from './tools.js';

/** Long enough for a big tree or a slow remote base; a build that hangs must not hang the lint. */
const TIME_LIMIT_MS = 120_000;

export type BuildResult =
  | { readonly output: string; readonly resolve: (relative: string) => string }
  /**
   * The tool failed: its message, and where it points (the file and the text of the entry that
   * failed, when the message names one). `setup`: why the failure is the machine's or the
   * workflow's, not the tree's (no network for a remote base, a flag the build needs, a file a
   * script generates), so it is a notice, not a finding.
   */
  | { readonly error: string; readonly file: string; readonly entry?: string; readonly line?: number; readonly column?: number; readonly setup?: string };

export async function buildKustomization(build: KustomizeBuild, command: Command, env: Env, cwd: string): Promise<BuildResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-render-'));
  try {
    const resource = path.relative(dir, build.dir).split(path.sep).join('/');
    writeFileSync(
      path.join(dir, 'kustomization.yaml'),
      `# k8s-svc-lint --render: builds ${build.shown} with the origin of each object\n` +
        `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ${JSON.stringify(resource)}\nbuildMetadata:\n- originAnnotations\n`,
    );
    const outcome = await run(command.executable, [...command.args, dir], { env, cwd, timeoutMs: TIME_LIMIT_MS });
    if (outcome.code === 0 && !outcome.failure) return { output: outcome.stdout, resolve: (relative) => path.resolve(dir, relative) };
    if (outcome.failure) return { error: outcome.failure, file: build.file, setup: `${command.shown} ${outcome.failure}` };
    return failure(kustomizeMessage(outcome.stderr, dir, cwd), build, cwd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * kustomize's own message: kubectl's log prefix (`E1130 … "command failed" err="…"`) or
 * `Error: ` taken off, and paths below the working directory made relative.
 */
export function kustomizeMessage(stderr: string, temporary: string, cwd: string): string {
  let message = stderr.trim();
  const logged = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(message);
  if (logged) message = logged[1]!.replace(/\\(.)/g, '$1');
  message = message.replace(/^error: /i, '').split('\n').filter((l) => l.trim() !== '').join(' ');
  const base = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  return message.split(temporary).join('<render>').split(base).join('') || 'failed without a message';
}

/** Failures of the machine or the workflow rather than of the tree: notices, not findings. */
const SETUP = /--enable-helm|--enable-alpha-plugins|git (?:clone|fetch)|no such host|dial tcp|network is unreachable|could not resolve host|tls handshake|i\/o timeout/i;

/**
 * What failed and where: the innermost kustomization kustomize went into (`recursed accumulation
 * of path 'DIR'`), its own message (what building that folder alone says), and in it the entry
 * that failed (a resource, the patch of an object a patch found no match for) or the line its
 * YAML error is on.
 */
function failure(message: string, build: KustomizeBuild, cwd: string): BuildResult {
  let file = build.file;
  let own = message;
  const recursed = [...message.matchAll(/recursed accumulation of path '([^']+)': /g)];
  for (const match of recursed.reverse()) {
    const dir = path.resolve(cwd, match[1]!);
    const found = KUSTOMIZATION_FILE_NAMES.map((name) => path.join(dir, name)).find((f) => existsSync(f));
    if (!found) continue;
    file = found;
    own = message.slice(match.index! + match[0].length);
    break;
  }
  const setup = setupProblem(own, cwd);
  const result = (where: { file: string; entry?: string; line?: number }): BuildResult => ({ error: own, ...where, ...(setup ? { setup } : {}) });
  let entry: string | undefined;
  for (const match of own.matchAll(/accumulating resources from '([^']+)'/g)) entry = match[1];
  // (`evalsymlink failure on 'DIR/missing.yaml'`: a file the kustomization lists, by its path from there)
  const missing = entry ? undefined : /evalsymlink failure on '([^']+)'/.exec(own)?.[1];
  if (missing) entry = path.relative(path.dirname(file), path.resolve(cwd, missing)).split(path.sep).join('/');
  if (entry) return result({ file, entry });
  // `no resource matches strategic merge patch "Deployment.v1.apps/api.[noNs]"`
  const target = /patch "([^."]+)\.[^/"]*\/([^"]+?)\.(?:\[noNs\]|[^."]+)"/.exec(own);
  const patch = target && build.patches.find((p) => p.file && (p.target ?? p.own)?.kind === target[1] && (p.target ?? p.own)?.name === target[2]);
  if (patch?.file) return result({ file: patch.kustomization, entry: path.relative(path.dirname(patch.kustomization), patch.file).split(path.sep).join('/') });
  // `invalid Kustomization: yaml: line 3: …`
  const line = /^invalid Kustomization: yaml: line (\d+)/.exec(own);
  return result({ file, ...(line ? { line: Number(line[1]) } : {}) });
}

/**
 * Why a failure is the workflow's rather than the tree's, or undefined: no network, a flag the
 * build needs (a file outside the root: `--load-restrictor LoadRestrictionsNone`), a file the
 * repository ignores because a script generates it.
 */
function setupProblem(message: string, cwd: string): string | undefined {
  if (SETUP.test(message)) return `it needs the network or a flag of its own: ${message}`;
  if (/security; file '[^']+' is not in or below/.test(message)) {
    return 'it lists a file outside its folder, which kustomize builds only with --load-restrictor LoadRestrictionsNone (--kustomize-command "kustomize build --load-restrictor LoadRestrictionsNone")';
  }
  const missing = /evalsymlink failure on '([^']+)'/.exec(message)?.[1];
  if (missing && generatedFile(path.resolve(cwd, missing))) return `${missing} is not in the repository (its .gitignore leaves it out: a script generates it)`;
  return undefined;
}

/** Whether a `.gitignore` between the file and its repository's top (or the file system's root) ignores it. */
function generatedFile(file: string): boolean {
  const sets = new IgnoreSets();
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    sets.addFile(path.join(dir, '.gitignore'));
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
  }
  return sets.match(file) !== undefined;
}

export async function templateChart(chartDir: string, command: Command, values: readonly string[], env: Env, cwd: string): Promise<BuildResult> {
  const args = [...command.args, chartDir, ...values.flatMap((file) => ['--values', file])];
  const outcome = await run(command.executable, args, { env, cwd, timeoutMs: TIME_LIMIT_MS });
  if (outcome.code === 0 && !outcome.failure) return { output: outcome.stdout, resolve: (relative) => path.resolve(chartDir, relative) };
  if (outcome.failure) return { error: outcome.failure, file: path.join(chartDir, 'Chart.yaml'), setup: `${command.shown} ${outcome.failure}` };
  const base = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  const message = outcome.stderr.trim().replace(/^Error: /, '').split(base).join('') || 'failed without a message';
  // `template: web/templates/deployment.yaml:12:20: executing …` names the template and line
  const where = /(?:template: |parse error at \()([^\s:()]+\/templates\/[^\s:()]+):(\d+)(?::(\d+))?/.exec(message);
  const setup = /missing in charts\/ directory|helm dependency (?:build|update)/.test(message) ? 'its dependencies are not fetched (helm dependency build)' : undefined;
  if (where) {
    const file = path.join(chartDir, ...where[1]!.split('/').slice(1));
    if (existsSync(file)) return { error: message, file, line: Number(where[2]), ...(where[3] ? { column: Number(where[3]) } : {}), ...(setup ? { setup } : {}) };
  }
  return { error: message, file: path.join(chartDir, 'Chart.yaml'), ...(setup ? { setup } : {}) };
}
