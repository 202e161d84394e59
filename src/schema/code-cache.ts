/**
 * Loading the generated validator modules with V8's code cache. They are large (core/v1 is
 * 0.8 MB of JavaScript) and every run loads a few: compiling them costs more than the
 * validation of a small input. `npm run build` writes `<module>.cache` beside each module; a
 * cache made by another Node version is rejected by V8 and the module is simply compiled.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { applyV8Flags } from '../util/v8-flags.js';

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
 * Build step: compiles a module, calls each exported function once (`warm`) so its top-level
 * functions are compiled too, and writes the code cache, under the V8 flags of a run.
 */
export function writeCodeCache(file: string, warm: (exported: unknown) => void): void {
  applyV8Flags();
  const { script, exports } = compile(file, undefined);
  for (const exported of Object.values(exports)) warm(exported);
  writeFileSync(`${file}.cache`, script.createCachedData());
}
