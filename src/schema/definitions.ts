/** schemas/kubernetes.json, read on first use: the JSON Schemas of the built-in kinds by group/version. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';

/** The subset of JSON Schema that `npm run schemas` writes. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Record<string, JsonSchema>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
}

export interface SchemaGroup {
  readonly definitions: Record<string, JsonSchema>;
  readonly kinds: readonly string[];
}

/** By apiVersion, as written in manifests: a Map, so `apiVersion: constructor` finds nothing. */
let groups: Map<string, SchemaGroup> | undefined;

/** The definitions and kinds of a group/version (`apps/v1`, `v1`), if the schemas have it. */
export function schemaGroup(apiVersion: string): SchemaGroup | undefined {
  groups ??= new Map(Object.entries((JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'kubernetes.json'), 'utf8')) as { groups: Record<string, SchemaGroup> }).groups));
  return groups.get(apiVersion);
}

/** `#/definitions/PodSpec` → `PodSpec`. */
export function definitionName(ref: string): string {
  return ref.replace('#/definitions/', '');
}
