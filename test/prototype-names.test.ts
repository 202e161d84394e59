/**
 * Text from a manifest is never looked up where Object.prototype could answer: every member
 * name of Object.prototype (`constructor`, `toString`, `__proto__`…) is planted in every place a
 * manifest carries text — kind, apiVersion, names, namespaces, label and annotation keys and
 * values, selector keys, port, container and env names, Service references — and the report
 * must be the normal one: exactly the report for a harmless name of the same shape (the name
 * partly ROT13-encoded), with the name put back. In both modes, for lint and resolve, YAML and JSON.
 */
import { describe, expect, test } from 'vitest';
import { runCli, type CliRun } from './helpers/cli.js';

const NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/**
 * The control name for `name`: the same characters' classes (letters stay letters, case kept,
 * ROT13) after the first two, which are kept so that it sorts among the other names as `name` does.
 */
function rot13(name: string): string {
  return name.slice(0, 2) + name.slice(2).replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Every object in its own document, each with the name (`N`) in other places. */
function manifests(N: string): string {
  return `
apiVersion: v1
kind: ${N}
metadata:
  name: planted-kind
---
apiVersion: ${N}
kind: Service
metadata:
  name: planted-api-version
spec:
  ports:
    - port: 80
---
apiVersion: ${N}/v1
kind: Deployment
metadata:
  name: planted-group
---
apiVersion: v1
kind: Namespace
metadata:
  name: ${N}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${N}
  namespace: ${N}
  labels:
    ${N}: ${N}
    app: web
  annotations:
    ${N}: ${N}
    k8s-svc-lint.io/ignore: ${N}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
      ${N}: ${N}
    matchExpressions:
      - key: ${N}
        operator: In
        values: [${N}]
  template:
    metadata:
      labels:
        app: web
        ${N}: ${N}
    spec:
      ${N}: true
      containers:
        - name: ${N}
          image: nginx
          ${N}: x
          ports:
            - name: ${N}
              containerPort: 8080
              protocol: ${N}
            - name: http
              containerPort: 8081
          env:
            - name: ${N}
              value: http://${N}:80
            - name: TARGET
              value: ${N}.${N}.svc.cluster.local:${N}
          args: [${N}, "--url=http://${N}/"]
          readinessProbe:
            httpGet:
              port: ${N}
---
apiVersion: v1
kind: Service
metadata:
  name: ${N}
  namespace: ${N}
spec:
  type: ${N}
  selector:
    app: web
    ${N}: ${N}
  ports:
    - name: ${N}
      port: 80
      targetPort: ${N}
      protocol: ${N}
    - name: http
      port: 81
      targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: planted-selector-key
  namespace: ${N}
spec:
  selector:
    app: web
    ${N}: web
  ports:
    - port: 80
      targetPort: ${N}
---
apiVersion: v1
kind: Service
metadata:
  name: planted-external
spec:
  type: ExternalName
  externalName: ${N}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: planted-stateful
  namespace: ${N}
spec:
  serviceName: ${N}
  selector:
    matchLabels: {${N}: ${N}}
  template:
    metadata:
      labels: {${N}: ${N}}
    spec:
      containers:
        - name: c
          image: x
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: planted-ingress
  namespace: ${N}
spec:
  ingressClassName: ${N}
  rules:
    - host: ${N}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${N}
                port:
                  name: ${N}
          - path: /b
            pathType: ${N}
            backend:
              service:
                name: web
                port:
                  number: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: planted-hpa
  namespace: ${N}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${N}
    name: ${N}
  minReplicas: 1
  maxReplicas: 2
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: planted-pdb
  namespace: ${N}
spec:
  minAvailable: 1
  selector:
    matchLabels: {${N}: ${N}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: planted-policy
  namespace: ${N}
spec:
  podSelector:
    matchLabels: {${N}: ${N}}
  ingress:
    - from:
        - podSelector:
            matchExpressions:
              - {key: ${N}, operator: ${N}}
---
apiVersion: v1
kind: Endpoints
metadata:
  name: ${N}
  namespace: ${N}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: planted-slice
  namespace: ${N}
  labels:
    kubernetes.io/service-name: ${N}
addressType: IPv4
endpoints: []
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: planted-data
data:
  ${N}: ${N}
${N}: ${N}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: planted-route
  namespace: ${N}
spec:
  parentRefs: [{name: ${N}}]
  hostnames: [${N}.example.com]
  rules:
    - backendRefs:
        - name: ${N}
          port: 80
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: planted-monitor
  namespace: ${N}
spec:
  selector:
    matchLabels: {${N}: ${N}}
  endpoints:
    - port: ${N}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: planted-virtual-service
  namespace: ${N}
spec:
  hosts: [${N}]
  http:
    - route:
        - destination:
            host: ${N}
            subset: ${N}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: planted-scaled
  namespace: ${N}
spec:
  scaleTargetRef:
    name: ${N}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: planted-rollout
  namespace: ${N}
spec:
  strategy:
    canary:
      stableService: ${N}
      canaryService: ${N}
  workloadRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${N}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ${N}
    metadata:
      name: ${N}
  - apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: ${N}
    spec:
      ${N}: {${N}: [${N}]}
`;
}

/** The same objects as one JSON document (a List), for the JSON parser. */
function asJson(N: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: N, metadata: { name: 'planted-kind' } },
      { apiVersion: N, kind: 'Service', metadata: { name: N, labels: { [N]: N } }, spec: { selector: { [N]: N }, ports: [{ port: 80, targetPort: N }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: N, labels: { [N]: N }, annotations: { [N]: N } }, spec: { containers: [{ name: N, image: 'x', ports: [{ name: N, containerPort: 80 }] }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'json-service' }, spec: { selector: { [N]: N }, ports: [{ port: 80, targetPort: N }] } },
    ],
  });
}

type Run = (args: readonly string[], stdin: string, precise: boolean) => Promise<CliRun>;
const run: Run = (args, stdin, precise) => runCli([...args, '-'], { stdin, env: precise ? { K8S_SVC_LINT_PRECISE: '1' } : {} });

/** Lint or resolve output as comparable text: the control name turned back into the planted one (also lowercased, as host names are), lines sorted. */
function normalized(output: string, control: string, planted: string): string {
  return output.split(control).join(planted).split(control.toLowerCase()).join(planted.toLowerCase()).split('\n').sort().join('\n');
}

describe('names of Object.prototype members planted everywhere give the normal report', () => {
  for (const name of NAMES) {
    test(name, async () => {
      const control = rot13(name);
      for (const [input, inputName] of [
        [manifests, 'planted.yaml'],
        [asJson, 'planted.json'],
      ] as const) {
        for (const command of [['lint', '-f', 'json', '--rule', 'service-backend-no-readiness-probe=warn'], ['resolve', '-f', 'json']]) {
          const args = [...command, '--stdin-filename', inputName];
          const expected = await run(args, input(control), false);
          for (const precise of [false, true]) {
            const planted = await run(args, input(name), precise);
            const what = `${command[0]} ${inputName}${precise ? ' (precise)' : ''}`;
            expect(planted.stderr, what).not.toContain('internal error');
            expect(planted.code, what).toBe(expected.code);
            expect(() => JSON.parse(planted.stdout), what).not.toThrow();
            expect(normalized(planted.stdout, control, name), what).toBe(normalized(expected.stdout, control, name));
            expect(normalized(planted.stderr, control, name), what).toBe(normalized(expected.stderr, control, name));
          }
        }
      }
      // the report is a real one: the planted objects were read
      const lint = JSON.parse((await run(['lint', '-f', 'json', '--stdin-filename', 'planted.yaml'], manifests(name), false)).stdout) as { messages: unknown[] }[];
      expect(lint[0]!.messages.length).toBeGreaterThan(5);
    });
  }

  test('every format writes its report', async () => {
    for (const format of ['stylish', 'json', 'sarif', 'github', 'gcc', 'junit', 'markdown']) {
      const planted = await run(['lint', '-f', format, '--stdin-filename', 'planted.yaml'], manifests('constructor'), false);
      expect(planted.stderr, format).not.toContain('internal error');
      expect(planted.code, format).toBe(1);
      expect(planted.stdout.length, format).toBeGreaterThan(100);
    }
    for (const format of ['table', 'json', 'mermaid', 'dot']) {
      const planted = await run(['resolve', '-f', format, '--stdin-filename', 'planted.yaml'], manifests('__proto__'), false);
      expect(planted.stderr, format).not.toContain('internal error');
      expect(planted.code, format).toBe(0);
    }
  });
});
