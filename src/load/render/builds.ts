/**
 * Running one build: a kustomization root through a temporary kustomization outside the user's
 * tree (which lists the root by relative path and asks for origin annotations, so nothing of the
 * user's is written), or a chart through `helm template` with its default values.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KustomizeBuild } from '../kustomize.js';
import { run } from './process.js';
import type { Command, Env } from './tools.js';

/** Long enough for a big tree or a slow remote base; a build that hangs must not hang the lint. */
const TIME_LIMIT_MS = 120_000;

export type BuildResult =
  | { readonly output: string; readonly resolve: (relative: string) => string }
  /**
   * The tool failed: its message, and where it points (the file and the text of the entry that
   * failed, when the message names one). `setup`: the failure is the machine's, not the tree's
   * (no network for a remote base, a flag the tool needs), so it is a notice, not a finding.
   */
  | { readonly error: string; readonly file: string; readonly entry?: string; readonly line?: number; readonly column?: number; readonly setup: boolean };

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

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
    const message = outcome.failure ? `${command.shown} ${outcome.failure}` : kustomizeMessage(outcome.stderr, build.dir, dir, cwd);
    return { error: message, ...failedAt(message, build) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * kustomize's own message: kubectl's log prefix (`E1130 … "command failed" err="…"`) or
 * `Error: ` taken off, the layer our temporary kustomization adds peeled, and paths below the
 * working directory made relative.
 */
export function kustomizeMessage(stderr: string, root: string, temporary: string, cwd: string): string {
  let message = stderr.trim();
  const logged = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(message);
  if (logged) message = logged[1]!.replace(/\\(.)/g, '$1');
  message = message.replace(/^error: /i, '').split('\n').filter((l) => l.trim() !== '').join(' ');
  const inner = `recursed accumulation of path '${root}': `;
  const at = message.indexOf(inner);
  if (at !== -1) message = message.slice(at + inner.length);
  const base = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  return message.split(temporary).join('<render>').split(base).join('') || 'failed without a message';
}

/**
 * Where a failure points: the innermost kustomization the message names, and in it the entry
 * that failed (a resource, the patch of the object a patch found no match for) or the line its
 * YAML error is on.
 */
function failedAt(message: string, build: KustomizeBuild): { file: string; entry?: string; line?: number; setup: boolean } {
  const setup = /--enable-helm|--enable-alpha-plugins|--load-restrictor|git (?:clone|fetch)|no such host|dial tcp|network is unreachable|could not resolve host|tls handshake|i\/o timeout/i.test(message);
  let file = build.file;
  // (kustomize went into each folder the message says it recursed into)
  const paths = [...message.matchAll(/recursed accumulation of path '([^']+)'/g)].map((m) => m[1]!);
  for (const candidate of paths.reverse()) {
    const dir = path.resolve(build.dir, candidate);
    const found = KUSTOMIZATION_NAMES.map((name) => path.join(dir, name)).find((f) => existsSync(f));
    if (found) {
      file = found;
      break;
    }
  }
  let entry: string | undefined;
  for (const match of message.matchAll(/accumulating resources from '([^']+)'/g)) entry = match[1];
  if (entry) return { file, entry, setup };
  // `no resource matches strategic merge patch "Deployment.v1.apps/api.[noNs]"`
  const target = /patch "([^."]+)\.[^/"]*\/([^"]+?)\.(?:\[noNs\]|[^."]+)"/.exec(message);
  const patch = target && build.patches.find((p) => p.file && p.target?.kind === target[1] && p.target?.name === target[2]);
  if (patch?.file) return { file: patch.kustomization, entry: path.relative(path.dirname(patch.kustomization), patch.file).split(path.sep).join('/'), setup };
  // `invalid Kustomization: yaml: line 3: …`
  const line = /^invalid Kustomization: yaml: line (\d+)/.exec(message);
  return { file, ...(line ? { line: Number(line[1]) } : {}), setup };
}

export async function templateChart(chartDir: string, command: Command, values: readonly string[], env: Env, cwd: string): Promise<BuildResult> {
  const args = [...command.args, chartDir, ...values.flatMap((file) => ['--values', file])];
  const outcome = await run(command.executable, args, { env, cwd, timeoutMs: TIME_LIMIT_MS });
  if (outcome.code === 0 && !outcome.failure) return { output: outcome.stdout, resolve: (relative) => path.resolve(chartDir, relative) };
  const base = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  const message = outcome.failure ? `${command.shown} ${outcome.failure}` : outcome.stderr.trim().replace(/^Error: /, '').split(base).join('') || 'failed without a message';
  // `template: web/templates/deployment.yaml:12:20: executing …` names the template and line
  const where = /(?:template: |parse error at \()([^\s:()]+\/templates\/[^\s:()]+):(\d+)(?::(\d+))?/.exec(message);
  const setup = /missing in charts\/ directory|helm dependency (?:build|update)/.test(message);
  if (where) {
    const file = path.join(chartDir, ...where[1]!.split('/').slice(1));
    if (existsSync(file)) return { error: message, file, line: Number(where[2]), ...(where[3] ? { column: Number(where[3]) } : {}), setup };
  }
  return { error: message, file: path.join(chartDir, 'Chart.yaml'), setup };
}
