/** Running the rendering tools: a few at a time, each with a time limit, never through a shell. */
import { execFile } from 'node:child_process';
import type { Env } from './tools.js';

export interface Outcome {
  /** The exit status; null when the process was killed (time limit) or could not start. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it did not run to its end (could not start, time limit, output too large). */
  readonly failure?: string;
}

/** Rendered output of a big tree fits; beyond this the build is reported as failed. */
const MAX_OUTPUT = 256 * 1024 * 1024;

export function run(executable: string, args: readonly string[], options: { readonly env: Env; readonly cwd: string; readonly timeoutMs: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      executable,
      [...args],
      { cwd: options.cwd, env: { ...options.env } as NodeJS.ProcessEnv, timeout: options.timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const code = typeof error.code === 'number' ? error.code : null;
        const failure = error.killed
          ? `stopped after ${Math.round(options.timeoutMs / 1000)} s`
          : code === null
            ? (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' ? 'output over 256 MiB' : `could not run: ${String(error.code ?? error.message)}`)
            : undefined;
        resolve({ code, stdout, stderr, ...(failure ? { failure } : {}) });
      },
    );
  });
}

/** Runs `task` on every item, at most `limit` at once; results in the items' order. */
export async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
