/**
 * Part of `npm run build`: bundles the CLI into one file (dist/k8s-svc-lint.mjs). Resolving and
 * reading some 80 modules costs more than running a pre-commit check on one small file, so the
 * executable loads a single module; the schema validators stay separate and load on demand.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
await build({
  entryPoints: [path.join(root, 'src/cli/bin.ts')],
  outfile: path.join(root, 'dist/k8s-svc-lint.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies call require(), which an ES module does not have
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});
