/** The folder holding this package's package.json, from a module in src/ or dist/src/. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function packageRoot(): string {
  if (found) return found;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'k8s-svc-lint') {
      return (found = directory);
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('cannot find the k8s-svc-lint package folder');
    directory = parent;
  }
}
