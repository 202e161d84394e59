/**
 * The fields a schema allows at a place in an object, for "did you mean" on unknown fields.
 */
import type { Path } from '../load/positions.js';
import { definitionName, schemaGroup, type JsonSchema } from './definitions.js';

/** The names of the fields allowed in the mapping at `path` of an object of this kind. */
export function allowedFields(apiVersion: string, kind: string, objectPath: Path): string[] {
  const definitions = schemaGroup(apiVersion)?.definitions;
  if (!definitions) return [];
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => (schema?.$ref ? resolve(own(definitions, definitionName(schema.$ref))) : schema);
  let schema = resolve(own(definitions, kind));
  for (const segment of objectPath) {
    if (!schema) return [];
    if (typeof segment === 'number') schema = resolve(schema.items);
    else schema = resolve(own(schema.properties, segment) ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined));
  }
  return Object.keys(schema?.properties ?? {});
}

/** A schema table entry by a name from a manifest (kind, field): own entries only, never `constructor` and the like. */
function own(table: Readonly<Record<string, JsonSchema>> | undefined, name: string): JsonSchema | undefined {
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}
