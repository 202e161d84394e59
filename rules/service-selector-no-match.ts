import { defineRule, didYouMean } from '../src/engine/rule.js';
import { describeMakers } from '../src/index/index.js';
import { ALL_NAMESPACES, type LabelIndex } from '../src/index/label-index.js';
import { formatLabels } from '../src/model/label-selector.js';
import { compareObjects } from '../src/model/object.js';
import type { PodSource } from '../src/model/pod-source.js';
import { closest } from '../src/util/closest.js';

/** Bounds the work of looking for a near miss: it runs only for Services that select nothing. */
const MAX_CANDIDATES = 2000;

/**
 * The pod template one typo (or one label) away from the selector, among those nearest to the
 * Service in the file tree (never an unrelated sample elsewhere in the input). A template scores
 * 1 for each selector label it has and ½ for each it has with a value a typo away, so with
 * `app: rvviews, version: v1` the reviews template (1½) beats every other `version=v1` one (1).
 * Ties go to the first in the model's order (by file, then name).
 */
function closestSource(labels: LabelIndex, namespace: string, selector: Readonly<Record<string, string>>, from: string): PodSource | undefined {
  const folder = labels.nearestFolder(namespace, from);
  if (folder === undefined) return undefined;
  const nearValues = new Map<string, string>();
  for (const key of Object.keys(selector)) {
    const near = labels.closestValue(namespace, key, selector[key]!);
    if (near !== undefined) nearValues.set(key, near);
  }
  // a small region is scored whole; a large one through the posting lists of the labels
  const region = labels.sourcesNear(namespace, from);
  let candidates: Iterable<PodSource> = region;
  if (region.length > MAX_CANDIDATES) {
    const found = new Set<PodSource>();
    for (const [key, value] of [...Object.entries(selector), ...nearValues]) {
      for (const source of labels.withLabel(namespace, key, value).slice(0, MAX_CANDIDATES)) if (source.ref.file.path.startsWith(folder)) found.add(source);
    }
    candidates = found;
  }
  let best: PodSource | undefined;
  let bestScore = 0;
  for (const source of candidates) {
    let score = 0;
    for (const key of Object.keys(selector)) {
      const actual = source.labels[key];
      if (actual === selector[key]) score += 1;
      else if (actual !== undefined && actual === nearValues.get(key)) score += 0.5;
    }
    if (score > bestScore || (score === bestScore && score > 0 && best && compareObjects(source.ref, best.ref) < 0)) {
      best = source;
      bestScore = score;
    }
  }
  return best;
}

/** `app is "web-v2" (did you mean…)`, `no tier label`: how a pod template misses the selector. */
function differences(source: PodSource, selector: Readonly<Record<string, string>>): string[] {
  const found: string[] = [];
  for (const [key, wanted] of Object.entries(selector)) {
    const actual = source.labels[key];
    if (actual === wanted) continue;
    if (actual === undefined) found.push(`has no ${key} label`);
    else found.push(`has ${key}=${actual}`);
  }
  return found;
}

export default defineRule({
  meta: {
    id: 'service-selector-no-match',
    severity: 'error',
    description: "A Service's selector matches no pod template in its namespace",
  },
  create(context) {
    return {
      service(service) {
        const selector = service.selector;
        // a kustomize patch is resolved as part of its base; a placeholder selects what it becomes
        if (!selector || service.type === 'ExternalName' || service.partial || service.selectorHasPlaceholders) return;
        // Input without a single pod template (a folder of Services only) says nothing about
        // where the pods come from: there is nothing to judge the selectors against.
        if (context.model.podSources.length === 0) return;
        const labels = context.index.labels;
        if (context.index.resolver.resolve(service).workloads.length > 0) return;
        const namespace = service.namespace;
        // pods an operator, the cluster or an unreadable document may make: unknown, not wrong
        const unresolved = context.index.whyNoPods(service.ref, namespace, Object.entries(selector));
        if (unresolved && (unresolved.kind === 'made' || unresolved.kind === 'outside')) return;
        let message = `Service "${service.name}" selects no pods: no pod template in namespace "${namespace}" has ${formatLabels(selector)}`;
        const related = [];
        let suggest: ReturnType<typeof didYouMean> = {};
        // pods that match, but only in a build never applied with this Service (a sibling overlay)
        const otherBuild = labels.selectByMap(namespace, selector)[0];
        if (otherBuild) {
          context.report({
            at: service.ref.keyAt('spec', 'selector'),
            object: service.ref,
            message: `Service "${service.name}" selects no pods of its kustomize build: ${otherBuild.ref.displayName} (${otherBuild.ref.whereabouts}) has ${formatLabels(selector)}, but it belongs to an alternative build (a sibling overlay) never applied with this Service`,
            related: [{ at: otherBuild.keyAt('metadata', 'labels'), message: `labels of ${otherBuild.ref.displayName}, in another build` }],
          });
          return;
        }
        if (unresolved?.kind === 'maybe') message += `; its pods may come from ${describeMakers(unresolved.makers)}, whose operator labels them`;
        if (unresolved?.kind === 'unusable') {
          message += '; a document that could not be read may define them';
          related.push({ at: { file: unresolved.document.file, span: unresolved.document.span }, message: 'this document could not be read' });
        }
        const near = closestSource(labels, namespace, selector, service.ref.file.path);
        if (near) {
          const typo = Object.entries(selector)
            .map(([key, value]) => ({ key, value, actual: near.labels[key] }))
            .find(({ value, actual }) => actual !== undefined && closest(value, [actual]) === actual);
          const hint = typo ? ` (did you mean ${typo.key}=${typo.actual}?)` : '';
          if (typo) suggest = didYouMean(service.ref.at('spec', 'selector', typo.key), typo.value, typo.actual);
          message += `; closest is ${near.ref.displayName}, which ${differences(near, selector).join(' and ')}${hint}`;
          related.push({ at: near.keyAt('metadata', 'labels'), message: `labels of ${near.ref.displayName}, the closest pod template` });
        }
        // a template of another namespace that matches, if it is as near to the Service as any template
        const region = labels.nearestFolder(ALL_NAMESPACES, service.ref.file.path) ?? '';
        const elsewhere = labels
          .selectByMap(ALL_NAMESPACES, selector)
          .filter((source) => source.namespace !== namespace && source.ref.file.path.startsWith(region));
        if (elsewhere.length > 0) {
          const other = elsewhere[0]!;
          message += `; ${other.ref.displayName} in namespace "${other.namespace}" matches, but a Service selects only pods in its own namespace`;
          related.push({ at: other.keyAt('metadata', 'labels'), message: `${other.ref.displayName} in namespace "${other.namespace}"` });
        }
        context.report({ at: service.ref.keyAt('spec', 'selector'), object: service.ref, message, related, ...(unresolved ? { warning: true } : {}), ...suggest });
      },
    };
  },
});
