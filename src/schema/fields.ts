/**
 * The fields a schema allows at a place in an object, for "did you mean" on unknown fields.
 * Reads schemas/kubernetes.json on first use (only runs that find an unknown field pay for it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Path } from '../load/positions.js';
import { packageRoot } from '../util/package-root.js';

interface JsonSchema {
  readonly $ref?: string;
  readonly properties?: Record<string, JsonSchema>;
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
}

let groups: Record<string, { definitions: Record<string, JsonSchema> }> | undefined;

function definitionsOf(apiVersion: string): Record<string, JsonSchema> | undefined {
  groups ??= (JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'kubernetes.json'), 'utf8')) as { groups: typeof groups }).groups;
  return groups?.[apiVersion]?.definitions;
}

/** The names of the fields allowed in the mapping at `path` of an object of this kind. */
export function allowedFields(apiVersion: string, kind: string, objectPath: Path): string[] {
  const definitions = definitionsOf(apiVersion);
  if (!definitions) return [];
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined =>
    schema?.$ref ? resolve(definitions[schema.$ref.replace('#/definitions/', '')]) : schema;
  let schema = resolve(definitions[kind]);
  for (const segment of objectPath) {
    if (!schema) return [];
    if (typeof segment === 'number') schema = resolve(schema.items);
    else schema = resolve(schema.properties?.[segment] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined));
  }
  return Object.keys(schema?.properties ?? {});
}
