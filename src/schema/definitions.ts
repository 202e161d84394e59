/** schemas/kubernetes.json, read on first use: the JSON Schemas of the built-in kinds by group/version. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { minorOf } from '../model/api-resources.js';
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

interface SchemaFile {
  readonly kubernetesVersion: string;
  readonly groups: Record<string, SchemaGroup>;
  /** definition → field → the first minor release without it (fields older releases had) */
  readonly removedFields?: Record<string, Record<string, string>>;
}

let file: SchemaFile | undefined;

function schemaFile(): SchemaFile {
  file ??= JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'kubernetes.json'), 'utf8')) as SchemaFile;
  return file;
}

/** The definitions and kinds of a group/version (`apps/v1`, `v1`), if the schemas have it. */
export function schemaGroup(apiVersion: string): SchemaGroup | undefined {
  const groups = schemaFile().groups;
  return Object.hasOwn(groups, apiVersion) ? groups[apiVersion] : undefined;
}

/** The minor release the schemas describe (1.36 → 36). */
export function schemaMinor(): number {
  return minorOf(schemaFile().kubernetesVersion) ?? 0;
}

/** The first minor release without `field` of `definition`, when an older release had it. */
export function removedIn(definition: string, field: string): number | undefined {
  const removed = schemaFile().removedFields;
  const version = removed && Object.hasOwn(removed, definition) && Object.hasOwn(removed[definition]!, field) ? removed[definition]![field] : undefined;
  return version === undefined ? undefined : minorOf(version);
}

/** `#/definitions/PodSpec` → `PodSpec`. */
export function definitionName(ref: string): string {
  return ref.replace('#/definitions/', '');
}
