/**
 * The fields a schema allows at a place in an object, for "did you mean" on unknown fields.
 */
import type { Path } from '../load/positions.js';
import { definitionName, schemaGroup, type JsonSchema } from './definitions.js';

/** The names of the fields allowed in the mapping at `path` of an object of this kind. */
export function allowedFields(apiVersion: string, kind: string, objectPath: Path): string[] {
  const definitions = schemaGroup(apiVersion)?.definitions;
  if (!definitions) return [];
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => (schema?.$ref ? resolve(definitions[definitionName(schema.$ref)]) : schema);
  let schema = resolve(definitions[kind]);
  for (const segment of objectPath) {
    if (!schema) return [];
    if (typeof segment === 'number') schema = resolve(schema.items);
    else schema = resolve(schema.properties?.[segment] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined));
  }
  return Object.keys(schema?.properties ?? {});
}
