/** Real tools some tests run (`kubectl kustomize` for --render): they fail with a clear message when one is missing. */
import { findExecutable } from '../../src/load/render/tools.js';

/** The environment a test runs the CLI with when it renders: this process's PATH. */
export function renderEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { PATH: process.env['PATH'], ...extra };
}

/** Throws when `kubectl` is not on PATH, so a test that renders fails instead of passing silently. */
export function requireKubectl(): void {
  if (!findExecutable('kubectl', process.env)) {
    throw new Error('kubectl is not on PATH: the --render tests run the real `kubectl kustomize` (install kubectl; it is on the CI image)');
  }
}
