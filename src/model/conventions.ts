/**
 * Conventions of well-known controllers: values written where a reference is expected that the
 * controller reads as something else. One table, each entry with its source.
 */
import type { BackendView } from './ingress.js';

interface BackendConvention {
  readonly controller: string;
  readonly source: string;
  /** Whether this backend follows the convention (and so names no Service port to check). */
  readonly applies: (backend: BackendView) => boolean;
  /** What the backend means instead, for documentation. */
  readonly meaning: string;
}

export const INGRESS_BACKEND_CONVENTIONS: readonly BackendConvention[] = [
  {
    controller: 'AWS Load Balancer Controller',
    source: 'kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md (alb.ingress.kubernetes.io/actions.${action-name})',
    applies: (backend) => backend.portName === 'use-annotation',
    meaning: 'port name "use-annotation": the backend is the action (or condition) in the annotation alb.ingress.kubernetes.io/actions.<service name>, not a Service port',
  },
];

/** The convention an Ingress backend follows, if any: it is then not a Service reference to check. */
export function backendConvention(backend: BackendView): BackendConvention | undefined {
  return INGRESS_BACKEND_CONVENTIONS.find((c) => c.applies(backend));
}
