/**
 * A command that may take a while (an editor session, packaging), run without blocking the test
 * worker (a blocked worker misses vitest's own messages): its exit status and all it printed.
 */
import { spawn, type SpawnOptions } from 'node:child_process';

export function runCommand(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}
