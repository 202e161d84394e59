// Bundles the extension and the language client into dist/extension.js (vsce runs this before
// packaging: `vscode:prepublish`), so the .vsix holds one small file instead of node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['extension.js'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  outfile: 'dist/extension.js',
  minify: true,
  logLevel: 'warning',
});
