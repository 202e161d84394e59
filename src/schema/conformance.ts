/**
 * A yes/no check of an object against its kind's schema, asked before the ajv validators.
 * Nearly every object conforms. The generated validators are large (apps/v1 is 0.5 MB of
 * code) and a run calls each only some thousands of times, so most calls run in V8's
 * interpreter; this one small walker over the schema is optimized after a few objects and
 * answers in a fraction of the time. Only objects it rejects go to ajv, for the errors.
 *
 * It follows ajv's semantics for exactly the keywords schemas/kubernetes.json uses (type,
 * properties, additionalProperties, required, items, enum, const, anyOf, $ref); a definition
 * with anything else gets no quick check. A test compares the two answers.
 */
import { definitionName, schemaGroup, type JsonSchema } from './definitions.js';

const OBJECT = 1, ARRAY = 2, STRING = 4, NUMBER = 8, BOOLEAN = 16, NULL = 32, INTEGER = 64, NOT_FINITE = 128;
/** No `type` keyword: anything, NaN and ±Infinity included. */
const ANY = OBJECT | ARRAY | STRING | NUMBER | BOOLEAN | NULL | INTEGER | NOT_FINITE;
const TYPE_BITS = new Map([['object', OBJECT], ['array', ARRAY], ['string', STRING], ['number', NUMBER], ['integer', INTEGER], ['boolean', BOOLEAN], ['null', NULL]]);
const KEYWORDS = new Set(['$ref', 'type', 'properties', 'additionalProperties', 'required', 'items', 'enum', 'const', 'anyOf']);

/** A compiled schema. Every field is always present, so the walker sees one object shape. */
interface Check {
  types: number;
  properties: Map<string, Check> | undefined;
  /** additionalProperties: true (anything), false (nothing) or a schema. */
  additional: Check | boolean;
  required: readonly string[] | undefined;
  items: Check | undefined;
  /** enum, and const as a one-value enum (primitives only: compared with ===). */
  allowed: readonly unknown[] | undefined;
  anyOf: readonly Check[] | undefined;
}

class Unsupported extends Error {}

/** Compiled kinds by group/version and kind; null when the kind's schema is beyond this checker. */
const compiled = new Map<string, Check | null>();

/**
 * Whether `value` conforms to the schema of the built-in kind; undefined when there is no
 * quick answer (not a built-in kind, or a schema this checker does not cover).
 */
export function conforms(apiVersion: string, kind: string, value: unknown): boolean | undefined {
  const key = `${apiVersion} ${kind}`;
  let check = compiled.get(key);
  if (check === undefined) {
    check = compileKind(apiVersion, kind);
    compiled.set(key, check);
  }
  return check === null ? undefined : matches(check, value);
}

function compileKind(apiVersion: string, kind: string): Check | null {
  const group = schemaGroup(apiVersion);
  if (!group || !group.kinds.includes(kind) || !group.definitions[kind]) return null;
  const definitions = new Map<string, Check>();
  const compileSchema = (schema: JsonSchema): Check => {
    for (const keyword of Object.keys(schema)) if (!KEYWORDS.has(keyword)) throw new Unsupported(keyword);
    if (schema.$ref !== undefined) {
      // keywords beside $ref would need ajv's exact rules for them: not written by `npm run schemas`
      if (Object.keys(schema).length > 1) throw new Unsupported('$ref with siblings');
      return definition(definitionName(schema.$ref));
    }
    const check: Check = { types: ANY, properties: undefined, additional: true, required: undefined, items: undefined, allowed: undefined, anyOf: undefined };
    if (schema.type !== undefined) check.types = typeBits(schema.type);
    if (schema.properties) {
      check.properties = new Map();
      for (const [name, property] of Object.entries(schema.properties)) {
        // ajv reads `data[name]`, which finds Object.prototype's members: the walker reads own keys only
        if (name in Object.prototype) throw new Unsupported(`property ${name}`);
        check.properties.set(name, compileSchema(property));
      }
    }
    if (schema.additionalProperties !== undefined) {
      check.additional = typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : compileSchema(schema.additionalProperties);
    }
    if (schema.required) {
      if (schema.required.some((name) => name in Object.prototype)) throw new Unsupported('required');
      check.required = schema.required;
    }
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items)) throw new Unsupported('tuple items');
      check.items = compileSchema(schema.items);
    }
    const allowed = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
    if (schema.enum !== undefined && schema.const !== undefined) throw new Unsupported('enum with const');
    if (allowed) {
      if (allowed.some((v) => (v !== null && typeof v === 'object') || Number.isNaN(v))) throw new Unsupported('non-primitive enum');
      check.allowed = allowed;
    }
    if (schema.anyOf) check.anyOf = schema.anyOf.map(compileSchema);
    return check;
  };
  const definition = (name: string): Check => {
    let check = definitions.get(name);
    if (!check) {
      const schema = group.definitions[name];
      if (!schema) throw new Unsupported(`unknown definition ${name}`);
      // registered before it is filled in: definitions refer to themselves (JSONSchemaProps)
      check = { types: ANY, properties: undefined, additional: true, required: undefined, items: undefined, allowed: undefined, anyOf: undefined };
      definitions.set(name, check);
      Object.assign(check, compileSchema(schema));
    }
    return check;
  };
  try {
    return definition(kind);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

function typeBits(type: string | readonly string[]): number {
  let bits = 0;
  for (const name of typeof type === 'string' ? [type] : type) {
    const bit = TYPE_BITS.get(name);
    if (bit === undefined) throw new Unsupported(`type ${name}`);
    bits |= bit;
  }
  return bits;
}

/** The type bits a value has; a schema type accepts it when they share one. */
function typeOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'number':
      // ajv with strictNumbers: NaN and ±Infinity are neither numbers nor integers
      return Number.isInteger(value) ? NUMBER | INTEGER : Number.isFinite(value) ? NUMBER : NOT_FINITE;
    case 'boolean':
      return BOOLEAN;
    case 'object':
      return value === null ? NULL : Array.isArray(value) ? ARRAY : OBJECT;
    default:
      return 0;
  }
}

function matches(check: Check, value: unknown): boolean {
  const type = typeOf(value);
  if ((check.types & type) === 0) return false;
  if (check.allowed !== undefined && !check.allowed.includes(value)) return false;
  if (type === OBJECT) {
    const object = value as Record<string, unknown>;
    if (check.required !== undefined) for (const name of check.required) if (object[name] === undefined) return false;
    const { properties, additional } = check;
    if (properties !== undefined || additional !== true) {
      for (const key in object) {
        const property = properties?.get(key);
        const field = object[key];
        if (property !== undefined) {
          if (field !== undefined && !matches(property, field)) return false;
        } else if (additional === false) {
          return false;
        } else if (additional !== true && !matches(additional, field)) {
          return false;
        }
      }
    }
  } else if (type === ARRAY && check.items !== undefined) {
    for (const item of value as unknown[]) if (!matches(check.items, item)) return false;
  }
  if (check.anyOf !== undefined && !check.anyOf.some((branch) => matches(branch, value))) return false;
  return true;
}
