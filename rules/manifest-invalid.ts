import { defineRule } from '../src/engine/rule.js';
import { kindInfo } from '../src/model/api-resources.js';
import { dns1035LabelProblems, isDns1035Label } from '../src/model/names.js';
import { asMap, asString, isPlaceholder } from '../src/model/values.js';
import { quote } from '../src/util/text.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

export default defineRule({
  meta: {
    id: 'manifest-invalid',
    severity: 'error',
    description: 'An object lacks apiVersion, kind or metadata.name, has them in the wrong type, or has a name its kind does not allow',
  },
  create(context) {
    return {
      manifest(manifest) {
        const raw = manifest.raw;
        const hasKind = 'kind' in raw;
        const hasApiVersion = 'apiVersion' in raw;
        if (!hasApiVersion) {
          context.report({ at: manifest.keyAt('kind'), message: 'object has a kind but no apiVersion' });
        } else if (typeof raw['apiVersion'] !== 'string' || raw['apiVersion'] === '') {
          context.report({ at: manifest.at('apiVersion'), message: `apiVersion must be a non-empty string, got ${describe(raw['apiVersion'])}` });
        }
        if (!hasKind) {
          context.report({ at: manifest.keyAt('apiVersion'), message: 'object has an apiVersion but no kind' });
        } else if (typeof raw['kind'] !== 'string' || raw['kind'] === '') {
          context.report({ at: manifest.at('kind'), message: `kind must be a non-empty string, got ${describe(raw['kind'])}` });
        }
        const metadata = asMap(raw['metadata']);
        // a kustomize patch may name its target in the kustomization instead
        if (manifest.partial && (metadata === undefined || metadata['name'] === undefined)) return;
        if (!('metadata' in raw)) {
          // Files with apiVersion and kind but no metadata at all are mostly tool configuration
          // (Kustomization, kubeconfig, KubeletConfiguration, kind and kubeadm configs), not API
          // objects: only built-in kinds must have it.
          const kind = raw['kind'];
          if (typeof kind === 'string' && kindInfo(kind)) {
            context.report({ at: manifest.keyAt('kind'), message: `${kind} has no metadata (metadata.name is required)` });
          }
          return;
        }
        if (!metadata) {
          context.report({ at: manifest.at('metadata'), message: `metadata must be a mapping, got ${describe(raw['metadata'])}` });
          return;
        }
        const name = metadata['name'];
        if (name === undefined || name === null || name === '') {
          if (!asString(metadata['generateName'])) context.report({ at: manifest.keyAt('metadata'), message: 'object has no metadata.name (and no metadata.generateName)' });
        } else if (typeof name !== 'string') {
          context.report({ at: manifest.at('metadata', 'name'), message: `metadata.name must be a string, got ${describe(name)}` });
        } else if (raw['kind'] === 'Service' && raw['apiVersion'] === 'v1' && !isDns1035Label(name) && !isPlaceholder(name)) {
          // ValidateServiceName = NameIsDNS1035Label: the name becomes a DNS label (name.namespace.svc)
          context.report({
            at: manifest.at('metadata', 'name'),
            message: `metadata.name: Invalid value: ${quote(name)}: ${dns1035LabelProblems(name).join(', ')} (a Service name is a DNS label: it starts with a letter and has no dots)`,
          });
        }
      },
    };
  },
});
