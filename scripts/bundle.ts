/**
 * Part of `npm run build`: bundles the CLI into one CommonJS module (dist/k8s-svc-lint.cjs)
 * with a V8 code cache, and the executable's entry point (dist/k8s-svc-lint.mjs) that loads
 * it. Resolving and reading some 80 modules, then compiling them, costs more than running a
 * pre-commit check on one small file; the code cache also spares compiling functions during
 * a run. The schema validators stay separate and load on demand.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { CliIO } from '../src/cli/io.js';
import { writeCodeCache } from '../src/util/code-cache.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(root, 'dist/k8s-svc-lint.cjs');
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' } as const;
await build({
  ...common,
  entryPoints: [path.join(root, 'src/cli/bundle-entry.ts')],
  outfile: bundle,
  format: 'cjs',
  // a CommonJS module has no import.meta: its URL is made from __filename
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: [path.join(root, 'src/cli/bin.ts')],
  outfile: path.join(root, 'dist/k8s-svc-lint.mjs'),
  format: 'esm',
});

// The cache holds the functions compiled by then: lint the bundled examples first.
const silent: CliIO = {
  cwd: root,
  env: {},
  stdoutIsTTY: false,
  write: () => {},
  writeError: () => {},
  readStdin: () => Buffer.alloc(0),
  writeFile: () => {},
};
await writeCodeCache(bundle, (cli) => (cli as unknown as typeof import('../src/cli/bundle-entry.js')).main(['examples'], silent));
