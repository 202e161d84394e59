/**
 * Loading generated CommonJS modules with V8's code cache: the CLI bundle and the schema
 * validators. They are large (the bundle is 0.8 MB of JavaScript, core/v1's validators as much)
 * and every run loads them: compiling costs more than linting a small input. `npm run build`
 * writes `<module>.cache` beside each module; a cache that V8 rejects (another Node version,
 * other V8 flags, a changed module) is ignored and the module is simply compiled.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { applyV8Flags } from './v8-flags.js';

type Exports = Record<string, unknown>;

function compile(file: string, cachedData: Buffer | undefined): { script: Script; exports: Exports } {
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Exports };
  const wrapper = script.runInThisContext() as (exports: Exports, require: NodeJS.Require, module: { exports: Exports }, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return { script, exports: module.exports };
}

/** A CommonJS module, compiled with its code cache when there is one. */
export function loadWithCodeCache(file: string): Exports {
  const cacheFile = `${file}.cache`;
  return compile(file, existsSync(cacheFile) ? readFileSync(cacheFile) : undefined).exports;
}

/**
 * Build step: compiles a module, runs `warm` on its exports so the functions a run needs are
 * compiled too (V8 caches only compiled functions), and writes the code cache, under the V8
 * flags of a run.
 */
export async function writeCodeCache(file: string, warm: (exports: Exports) => unknown): Promise<void> {
  applyV8Flags();
  const { script, exports } = compile(file, undefined);
  await warm(exports);
  writeFileSync(`${file}.cache`, script.createCachedData());
}
