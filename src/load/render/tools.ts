/**
 * The user's own rendering tools, found on PATH (never reimplemented): `kustomize build`, else
 * `kubectl kustomize`, or the command `--kustomize-command` names; and `helm template`.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** The absolute path of an executable: a path as given, or the first match on PATH. */
export function findExecutable(name: string, env: Env): string | undefined {
  if (name.includes('/') || name.includes(path.sep)) return isExecutable(name) ? path.resolve(name) : undefined;
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A command to run: the executable found, and the arguments that come before the input folder. */
export interface Command {
  readonly executable: string;
  readonly args: readonly string[];
  /** As the user would type it (`kubectl kustomize`), for notices. */
  readonly shown: string;
}

export type Found = { readonly command: Command } | { readonly missing: string };

/**
 * The kustomize command: `--kustomize-command` as a command line (`kustomize build
 * --enable-helm`), or one word (`kustomize` → `kustomize build`, `kubectl` → `kubectl
 * kustomize`); by default `kustomize build`, else `kubectl kustomize`, whichever is on PATH.
 */
export function kustomizeCommand(choice: string | undefined, env: Env): Found {
  const words = choice?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (words.length > 0) {
    const [name, ...rest] = words as [string, ...string[]];
    const args = rest.length > 0 ? rest : path.basename(name).startsWith('kubectl') ? ['kustomize'] : ['build'];
    const executable = findExecutable(name, env);
    const shown = [name, ...args].join(' ');
    return executable ? { command: { executable, args, shown } } : { missing: `${name} is not on PATH` };
  }
  const kustomize = findExecutable('kustomize', env);
  if (kustomize) return { command: { executable: kustomize, args: ['build'], shown: 'kustomize build' } };
  const kubectl = findExecutable('kubectl', env);
  if (kubectl) return { command: { executable: kubectl, args: ['kustomize'], shown: 'kubectl kustomize' } };
  return { missing: 'neither kustomize nor kubectl is on PATH' };
}

export function helmCommand(env: Env): Found {
  const helm = findExecutable('helm', env);
  return helm ? { command: { executable: helm, args: ['template'], shown: 'helm template' } } : { missing: 'helm is not on PATH' };
}
