/**
 * Part of `npm run build`: compiles schemas/kubernetes.json into ajv standalone validators,
 * one CommonJS module per group/version in dist/validators/, so a run loads ready-made code
 * for the kinds it meets instead of compiling schemas (~100 ms per kind) at start-up.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { writeCodeCache } from '../src/util/code-cache.js';

interface SchemaFile {
  readonly source: string;
  readonly kubernetesVersion: string;
  readonly groups: Record<string, { definitions: Record<string, object>; kinds: string[] }>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemas = JSON.parse(readFileSync(path.join(root, 'schemas/kubernetes.json'), 'utf8')) as SchemaFile;
const out = path.join(root, 'dist/validators');
mkdirSync(out, { recursive: true });

/** A file name for a group/version: `apps/v1` → `apps_v1.cjs`, `v1` → `core_v1.cjs`. */
export function moduleName(apiVersion: string): string {
  return `${apiVersion.includes('/') ? apiVersion.replace(/[/.]/g, '_') : `core_${apiVersion}`}.cjs`;
}

const index: Record<string, { module: string; kinds: string[] }> = {};
for (const [apiVersion, group] of Object.entries(schemas.groups)) {
  // strictNumbers: NaN and ±Infinity are no numbers (kubectl cannot write them as JSON)
  const ajv = new Ajv.default({ code: { source: true, optimize: true }, allErrors: true, strict: false, allowUnionTypes: true, strictNumbers: true });
  const id = `k8s/${apiVersion}`;
  ajv.addSchema({ $id: id, definitions: group.definitions });
  const refs = Object.fromEntries(group.kinds.map((kind) => [kind, `${id}#/definitions/${kind}`]));
  const code = standaloneCode.default(ajv, refs);
  const module = moduleName(apiVersion);
  writeFileSync(path.join(out, module), code);
  await writeCodeCache(path.join(out, module), (validators) => {
    for (const validate of Object.values(validators)) (validate as (value: unknown) => boolean)({});
  });
  index[apiVersion] = { module, kinds: group.kinds };
}
// the configuration file's schema (schemas/config.schema.json), for .k8s-svc-lint.yaml
const configAjv = new Ajv.default({ code: { source: true, optimize: true }, allErrors: true, strict: false, allowUnionTypes: true });
configAjv.addSchema(JSON.parse(readFileSync(path.join(root, 'schemas/config.schema.json'), 'utf8')) as object, 'config');
writeFileSync(path.join(out, 'config.cjs'), standaloneCode.default(configAjv, { config: 'config' }));

writeFileSync(path.join(out, 'index.json'), JSON.stringify({ source: schemas.source, kubernetesVersion: schemas.kubernetesVersion, groups: index }));
console.error(`compiled validators for ${Object.keys(index).length} group/versions (${schemas.source}) into dist/validators`);
