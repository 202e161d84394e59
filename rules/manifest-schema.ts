import { defineRule, didYouMean, type Report } from '../src/engine/rule.js';
import { formatPath, type Path, type PathSegment } from '../src/load/positions.js';
import type { K8sObject } from '../src/model/object.js';
import { dig } from '../src/model/values.js';
import { allowedFields, removedSince, unknownFieldIsWrong } from '../src/schema/fields.js';
import { conforms } from '../src/schema/conformance.js';
import { validatorFor, type SchemaError } from '../src/schema/validators.js';
import { closest } from '../src/util/closest.js';
import { quote } from '../src/util/text.js';

/**
 * Errors another rule reports with a more specific message, so each problem is one finding:
 * apiVersion/kind/metadata/name and a missing metadata (manifest-invalid), Service type and port fields
 * (service-type-invalid, service-port-invalid), container ports (container-port-invalid),
 * selector operators (label-syntax) and workload selectors (workload-selector-mismatch).
 */
const COVERED_ELSEWHERE: readonly { keyword: string; path: RegExp; field?: string }[] = [
  { keyword: 'type', path: /^\/(apiVersion|kind|metadata|metadata\/name)$/ },
  { keyword: 'const', path: /^\/(apiVersion|kind)$/ },
  { keyword: 'enum', path: /^\/spec\/(type|sessionAffinity|externalTrafficPolicy|internalTrafficPolicy|ipFamilyPolicy|ipFamilies\/\d+)$/ },
  { keyword: 'enum', path: /\/ports\/\d+\/protocol$/ },
  { keyword: 'enum', path: /\/matchExpressions\/\d+\/operator$/ },
  { keyword: 'required', path: /^$/, field: 'metadata' },
  { keyword: 'required', path: /^\/spec\/ports\/\d+$/, field: 'port' },
  { keyword: 'required', path: /\/(containers|initContainers)\/\d+\/ports\/\d+$/, field: 'containerPort' },
  { keyword: 'required', path: /^\/spec$/, field: 'selector' },
  { keyword: 'required', path: /^\/spec\/jobTemplate\/spec$/, field: 'selector' },
];

function coveredElsewhere(error: SchemaError): boolean {
  return COVERED_ELSEWHERE.some(
    (c) => c.keyword === error.keyword && c.path.test(error.instancePath) && (c.field === undefined || c.field === error.params['missingProperty']),
  );
}

/** `/spec/ports/0/port` → ['spec', 'ports', 0, 'port'], numbers where the value is a list. */
function toPath(raw: unknown, instancePath: string): PathSegment[] {
  const path: PathSegment[] = [];
  let value = raw;
  for (const part of instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(value) ? Number(key) : key;
    path.push(segment);
    value = dig(value, segment);
  }
  return path;
}

const ARTICLE = new Map([['string', 'a string'], ['number', 'a number'], ['integer', 'an integer'], ['boolean', 'a boolean'], ['object', 'a mapping'], ['array', 'a list']]);

function expected(types: unknown): string {
  const list = (Array.isArray(types) ? types : [types]).filter((t) => t !== 'null').map((t) => ARTICLE.get(String(t)) ?? String(t));
  return list.join(' or ');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  return `the ${typeof value} ${typeof value === 'string' ? quote(value) : JSON.stringify(value)}`;
}

/** Why a YAML author wrote what the decoder read as another type. */
function typeHint(types: unknown, value: unknown): string {
  const wanted = Array.isArray(types) ? types : [types];
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // kubectl's YAML-to-JSON conversion fails on the whole document ("json: unsupported value: +Inf")
    return ': infinity and NaN have no JSON form, so kubectl fails to convert the document and sends nothing';
  }
  if (wanted.includes('integer') && typeof value === 'number') {
    // sigs.k8s.io/json decoding into an int32 or int64 field
    return ": the API server's JSON decoding rejects a fraction in an integer field";
  }
  if (wanted.includes('string') && typeof value === 'boolean') {
    return ': unquoted yes, no, on, off, true and false are booleans in Kubernetes YAML, so quote it';
  }
  if (wanted.includes('string') && typeof value === 'number') return ': an unquoted number is read as a number, so quote it';
  if (typeof value === 'string' && (wanted.includes('number') ? /^-?\d+(\.\d+)?$/ : wanted.includes('integer') ? /^-?\d+$/ : undefined)?.test(value)) {
    return ': write the number without quotes';
  }
  return '';
}

/** The keys of strategic merge patch directives (apimachinery's strategicpatch package). */
function isPatchDirective(field: string): boolean {
  return field === '$patch' || field === '$retainKeys' || field.startsWith('$setElementOrder/') || field.startsWith('$deleteFromPrimitiveList/');
}

function where(object: K8sObject, path: Path): string {
  return path.length === 0 ? `${object.kind}` : `${object.kind} ${formatPath(path)}`;
}

export default defineRule({
  meta: {
    id: 'manifest-schema',
    severity: 'error',
    description: 'A built-in object violates the Kubernetes schema: unknown field, wrong type, missing required field, unsupported value',
  },
  create(context) {
    return {
      object(object) {
        // the quick check clears nearly every object; ajv then finds the errors of the rest
        if (!context.settings.precise && conforms(object.apiVersion, object.kind, object.raw)) return;
        const validate = validatorFor(object.apiVersion, object.kind);
        if (!validate || validate(object.raw)) return;
        const seen = new Set<string>();
        for (const error of validate.errors ?? []) {
          // a kustomize patch holds only what it changes: nothing it leaves out is missing
          if (coveredElsewhere(error) || (error.keyword === 'required' && object.ref.partial)) continue;
          // `${VAR:-8080}`: a number or a string after envsubst, as it was quoted or not
          if (error.keyword === 'type' && object.typeUnknown?.has(error.instancePath)) continue;
          const key = `${error.keyword} ${error.instancePath} ${JSON.stringify(error.params)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const path = toPath(object.raw, error.instancePath);
          const value = dig(object.raw, ...path);
          const report = (at: ReturnType<K8sObject['at']>, message: string, suggest?: Pick<Report, 'suggest'>) => context.report({ at, object: object.ref, message, ...suggest });
          switch (error.keyword) {
            case 'additionalProperties': {
              const field = String(error.params['additionalProperty']);
              // a strategic merge patch's directives (`$patch: delete`, `$retainKeys`…) are for kustomize, not fields
              if (object.ref.partial && isPatchDirective(field)) break;
              // a field of a release newer (or, removed since, older) than the schemas is not proven wrong
              if (!unknownFieldIsWrong(object.apiVersion, object.kind, path, field, context.settings.kubeMinor)) break;
              const suggestion = closest(field, allowedFields(object.apiVersion, object.kind, path));
              const removed = removedSince(object.apiVersion, object.kind, path, field);
              const why = suggestion ? ` — did you mean "${suggestion}"?` : removed !== undefined ? ` (removed in Kubernetes 1.${removed})` : '';
              report(object.keyAt(...path, field), `unknown field ${quote(field)} in ${where(object, path)}${why}`, didYouMean(object.keyAt(...path, field), field, suggestion));
              break;
            }
            case 'type':
              report(object.at(...path), `${formatPath(path)} must be ${expected(error.params['type'])}, got ${describe(value)}${typeHint(error.params['type'], value)}`);
              break;
            case 'required':
              report(
                path.length === 0 ? object.keyAt('kind') : object.keyAt(...path),
                `missing required field "${String(error.params['missingProperty'])}" in ${where(object, path)}`,
              );
              break;
            case 'enum': {
              const allowed = ((error.params['allowedValues'] as unknown[]) ?? []).filter((v) => v !== null).map((v) => JSON.stringify(v));
              report(object.at(...path), `${formatPath(path)}: Unsupported value: ${typeof value === 'string' ? quote(value) : JSON.stringify(value)}: supported values: ${allowed.join(', ')}`);
              break;
            }
            default:
              report(object.at(...path), `${formatPath(path) || object.kind} does not match the schema (${error.keyword})`);
          }
        }
      },
    };
  },
});
