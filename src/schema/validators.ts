/**
 * The precompiled schema validators (dist/validators, built from schemas/kubernetes.json), one
 * module per group/version, loaded the first time an object of that group/version is seen.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { loadWithCodeCache } from '../util/code-cache.js';

export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
}

export type Validator = ((value: unknown) => boolean) & { errors?: SchemaError[] | null };

interface ValidatorIndex {
  readonly source: string;
  readonly kubernetesVersion: string;
  readonly groups: Record<string, { module: string; kinds: string[] }>;
}

let index: ValidatorIndex | undefined;
/** The index's groups by apiVersion, as written in manifests: a Map, so `apiVersion: constructor` finds nothing. */
let groups: Map<string, { module: string; kinds: string[] }> | undefined;
const modules = new Map<string, Record<string, Validator>>();

function validatorsFolder(): string {
  return path.join(packageRoot(), 'dist', 'validators');
}

function loadIndex(): ValidatorIndex {
  if (!index) {
    try {
      index = JSON.parse(readFileSync(path.join(validatorsFolder(), 'index.json'), 'utf8')) as ValidatorIndex;
    } catch {
      throw new Error('the schema validators are not built: run npm run build');
    }
  }
  return index;
}

/** The Kubernetes version the schemas describe, and where they come from. */
export function schemaSource(): { kubernetesVersion: string; source: string } {
  const { kubernetesVersion, source } = loadIndex();
  return { kubernetesVersion, source };
}

/** The validator of a built-in kind at its current group/version, or undefined (custom resources, old versions). */
export function validatorFor(apiVersion: string, kind: string): Validator | undefined {
  groups ??= new Map(Object.entries(loadIndex().groups));
  const group = groups.get(apiVersion);
  if (!group || !group.kinds.includes(kind)) return undefined;
  let module = modules.get(apiVersion);
  if (!module) {
    module = loadWithCodeCache(path.join(validatorsFolder(), group.module)) as Record<string, Validator>;
    modules.set(apiVersion, module);
  }
  return module[kind];
}
