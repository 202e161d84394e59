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
const commonJs = {
  ...common,
  format: 'cjs',
  // a CommonJS module has no import.meta: its URL is made from __filename
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
} as const;
/** The language server's own bundle, beside the CLI's: `k8s-svc-lint lsp` loads it, other commands never do. */
const LANGUAGE_SERVER = 'k8s-svc-lint-lsp.cjs';
await build({
  ...commonJs,
  entryPoints: [path.join(root, 'src/cli/bundle-entry.ts')],
  outfile: bundle,
  // `import('./lsp/stdio.js')` becomes a require of the language server's bundle (the CLI bundle
  // runs in a vm.Script, where only require can load another module)
  supported: { 'dynamic-import': false },
  plugins: [
    {
      name: 'language-server-apart',
      setup(plugin) {
        plugin.onResolve({ filter: /\/lsp\/stdio\.js$/ }, () => ({ path: `./${LANGUAGE_SERVER}`, external: true }));
      },
    },
  ],
});
await build({ ...commonJs, entryPoints: [path.join(root, 'src/cli/lsp/stdio.ts')], outfile: path.join(root, 'dist', LANGUAGE_SERVER) });
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
