/**
 * The fields a schema allows at a place in an object: for "did you mean" on unknown fields, and
 * for whether an unknown field is wrong at the target Kubernetes release.
 */
import type { Path } from '../load/positions.js';
import { definitionName, removedIn, schemaGroup, schemaMinor, type JsonSchema } from './definitions.js';

/** A notice for a --kube-version newer than the schemas, whose new fields they cannot know. */
export function newerReleaseNotice(kubeMinor: number): string | undefined {
  const minor = schemaMinor();
  return kubeMinor > minor ? `the schemas describe Kubernetes 1.${minor}: fields unknown to them are not reported for --kube-version 1.${kubeMinor} (a field that differs from a known one only in letter case still is)` : undefined;
}

/** The schema of the mapping at `path` of an object of this kind, and the definition it comes from. */
function schemaAt(apiVersion: string, kind: string, objectPath: Path): { schema?: JsonSchema; definition?: string } {
  const definitions = schemaGroup(apiVersion)?.definitions;
  if (!definitions) return {};
  let definition: string | undefined;
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    if (schema?.$ref) {
      definition = definitionName(schema.$ref);
      // (the kind, from a manifest, names the first one: own entries only)
      return resolve(Object.hasOwn(definitions, definition) ? definitions[definition] : undefined);
    }
    // a union (JSONSchemaPropsOrBool…): the branch that is a mapping
    if (schema?.anyOf) return resolve(schema.anyOf.find((branch) => branch.$ref !== undefined || branch.properties !== undefined));
    return schema;
  };
  let schema = resolve({ $ref: `#/definitions/${kind}` });
  for (const segment of objectPath) {
    if (!schema) return {};
    definition = undefined; // set again when the step follows a $ref
    if (typeof segment === 'number') schema = resolve(schema.items);
    else {
      // own properties only: a manifest key such as `constructor` is not Object.prototype's
      const property = schema.properties && Object.hasOwn(schema.properties, segment) ? schema.properties[segment] : undefined;
      schema = resolve(property ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined));
    }
  }
  return { ...(schema ? { schema } : {}), ...(definition ? { definition } : {}) };
}

/** The names of the fields allowed in the mapping at `path` of an object of this kind. */
export function allowedFields(apiVersion: string, kind: string, objectPath: Path): string[] {
  return Object.keys(schemaAt(apiVersion, kind, objectPath).schema?.properties ?? {});
}

/** The first minor release without an unknown field, when an older release had it (PodResourceClaim `source`: 31). */
export function removedSince(apiVersion: string, kind: string, objectPath: Path, field: string): number | undefined {
  const { definition } = schemaAt(apiVersion, kind, objectPath);
  return definition === undefined ? undefined : removedIn(definition, field);
}

/**
 * Whether a field the schemas do not know is wrong for the cluster of `--kube-version`:
 * - a field an older release had and the schemas' release removed is not, for that older release;
 * - for a release newer than the schemas, only a field that differs from a known one in letter
 *   case is (Kubernetes field names are case-sensitive and never differ only in case); any other
 *   may be a field that release added.
 */
export function unknownFieldIsWrong(apiVersion: string, kind: string, objectPath: Path, field: string, kubeMinor: number): boolean {
  const removed = removedSince(apiVersion, kind, objectPath, field);
  if (removed !== undefined && kubeMinor < removed) return false;
  const { schema } = schemaAt(apiVersion, kind, objectPath);
  if (kubeMinor <= schemaMinor()) return true;
  const lower = field.toLowerCase();
  return Object.keys(schema?.properties ?? {}).some((known) => known.toLowerCase() === lower);
}
