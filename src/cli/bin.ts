/**
 * The executable's entry point (bundled to dist/k8s-svc-lint.mjs): loads the CLI bundle with
 * its V8 code cache, then runs it on the real process.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache } from '../util/code-cache.js';
import { applyV8Flags } from '../util/v8-flags.js';

// before loading: the code cache was made under these flags
applyV8Flags();
const cli = loadWithCodeCache(path.join(path.dirname(fileURLToPath(import.meta.url)), 'k8s-svc-lint.cjs')) as unknown as typeof import('./bundle-entry.js');
process.exitCode = await cli.main(process.argv.slice(2), cli.nodeIO());
