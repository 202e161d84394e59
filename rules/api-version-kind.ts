import { defineRule, didYouMean } from '../src/engine/rule.js';
import {
  groupOf,
  isBuiltInGroup,
  isFullyListedGroup,
  KINDS,
  kindInfo,
  kindsServedBy,
  minorOf,
  type KindInfo,
  type ServedVersion,
} from '../src/model/api-resources.js';
import { closest } from '../src/util/closest.js';

function current(info: KindInfo): string {
  return info.versions.find((v) => !v.deprecated && !v.removed)?.apiVersion ?? info.versions[0]!.apiVersion;
}

function advice(version: ServedVersion): string {
  const instead = version.replacement ? `; use ${version.replacement}` : '';
  return `${instead}${version.note ? ` (${version.note})` : ''}`;
}

const KIND_NAMES = KINDS.map((k) => k.kind);

export default defineRule({
  meta: {
    id: 'api-version-kind',
    severity: 'error',
    description: 'A built-in kind with an apiVersion that never served it, is not served yet or any more, or is deprecated; a misspelled built-in kind',
  },
  create(context) {
    const kubeMinor = context.settings.kubeMinor;
    return {
      object(object) {
        const { apiVersion, kind, group } = object;
        const info = kindInfo(kind);
        if (!info) {
          // A misspelled built-in kind (`service`, `Deploymnet`) in a built-in group; unknown
          // kinds with nothing close are left alone (custom resources, kinds not tracked here).
          if (kind.endsWith('List') || !isBuiltInGroup(group)) return;
          const suggestion = closest(kind, KIND_NAMES);
          if (suggestion) {
            context.report({
              at: object.at('kind'),
              object: object.ref,
              message: `${apiVersion} has no kind "${kind}"; did you mean "${suggestion}"?`,
              ...didYouMean(object.at('kind'), kind, suggestion),
            });
          }
          return;
        }
        const served = info.versions.find((v) => v.apiVersion === apiVersion);
        if (served) {
          const introduced = served.introducedMinor;
          const removed = served.removed ? minorOf(served.removed) : undefined;
          const deprecated = served.deprecated ? minorOf(served.deprecated) : undefined;
          if (kubeMinor < introduced) {
            // not yet served at --kube-version: use what that version serves
            const then = info.versions.find((other) => other.introducedMinor <= kubeMinor && !(other.removed && kubeMinor >= (minorOf(other.removed) ?? Infinity)));
            context.report({
              at: object.at('apiVersion'),
              object: object.ref,
              message: `${apiVersion} ${kind} is served from Kubernetes ${served.introduced} on, not in 1.${kubeMinor} (--kube-version)${then ? `; 1.${kubeMinor} serves ${kind} as ${then.apiVersion}` : ''}`,
            });
          } else if (removed !== undefined && kubeMinor >= removed) {
            context.report({
              at: object.at('apiVersion'),
              object: object.ref,
              message: `${apiVersion} ${kind} was removed in Kubernetes ${served.removed}${advice(served)}`,
            });
          } else if (deprecated !== undefined && kubeMinor >= deprecated) {
            const until = served.removed ? ` and removed in ${served.removed}` : '';
            context.report({
              at: object.at('apiVersion'),
              object: object.ref,
              warning: true,
              message: `${apiVersion} ${kind} is deprecated since Kubernetes ${served.deprecated}${until}${advice(served)}`,
            });
          }
          return;
        }
        // Only built-in groups: a custom group may well define its own kind of that name.
        if (!isBuiltInGroup(group)) return;
        const servedByVersion = kindsServedBy(apiVersion);
        if (servedByVersion.length > 0) {
          context.report({ at: object.at('apiVersion'), object: object.ref, message: `${apiVersion} does not serve kind ${kind}; ${kind} is served by ${current(info)}` });
        } else if (isFullyListedGroup(groupOf(apiVersion))) {
          context.report({ at: object.at('apiVersion'), object: object.ref, message: `${apiVersion} is not a Kubernetes API version; ${kind} is served by ${current(info)}` });
        }
      },
    };
  },
});
