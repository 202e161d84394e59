/**
 * A deterministic synthetic corpus of apps (Deployment + Service, sometimes a ConfigMap, an
 * Ingress, a Gateway API HTTPRoute and a Prometheus Operator ServiceMonitor), 8 documents per
 * file and 50 files per folder, with seeded defects in about 10% of the apps. Every seeded defect is listed with the rule, file, line and object that must report
 * it; apart from those the corpus is clean, so a linter run must report exactly that list.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type DefectKind =
  | 'selector-typo'
  | 'named-target-port'
  | 'numeric-target-port'
  | 'node-port-range'
  | 'removed-api-version'
  | 'route-port'
  | 'monitor-port';

export interface SeededDefect {
  readonly kind: DefectKind;
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly object: { readonly kind: string; readonly namespace: string; readonly name: string };
}

export interface GeneratedCorpus {
  readonly files: { readonly path: string; readonly text: string }[];
  readonly defects: SeededDefect[];
  readonly documents: number;
  readonly bytes: number;
}

export interface GenerateOptions {
  readonly apps: number;
  readonly seed?: number;
  /** Share of apps with one seeded defect. */
  readonly defectRate?: number;
}

const DOCS_PER_FILE = 8;
const FILES_PER_FOLDER = 50;
const DEFECT_KINDS: readonly DefectKind[] = [
  'selector-typo',
  'named-target-port',
  'numeric-target-port',
  'node-port-range',
  'removed-api-version',
  'route-port',
  'monitor-port',
];
const RULE_OF: Record<DefectKind, string> = {
  'selector-typo': 'service-selector-no-match',
  'named-target-port': 'service-target-port-no-match',
  'numeric-target-port': 'service-target-port-undeclared',
  'node-port-range': 'service-node-port-range',
  'removed-api-version': 'api-version-kind',
  'route-port': 'gateway-backend-no-match',
  'monitor-port': 'servicemonitor-no-match',
};

/** mulberry32: small, fast, deterministic (tests use it for random edits too). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Doc {
  readonly lines: string[];
  /** Index into `lines` of the defect, when this document carries one. */
  readonly defectLine?: number;
  readonly defect?: Omit<SeededDefect, 'file' | 'line'>;
}

const TIERS = ['frontend', 'backend', 'worker', 'cache'];

function deployment(name: string, namespace: string, peer: string | undefined, defect: DefectKind | undefined, rng: () => number): Doc {
  const apiVersion = defect === 'removed-api-version' ? 'extensions/v1beta1' : 'apps/v1';
  const tier = TIERS[Math.floor(rng() * TIERS.length)]!;
  const replicas = 1 + Math.floor(rng() * 4);
  const lines = [
    `apiVersion: ${apiVersion}`,
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    `    app.kubernetes.io/component: ${tier}`,
    'spec:',
    `  replicas: ${replicas}`,
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${name}`,
    `        app.kubernetes.io/component: ${tier}`,
    '    spec:',
    '      containers:',
    `        - name: ${name.length > 50 ? 'app' : name}`,
    `          image: "registry.example.com/shop/${name}:1.${Math.floor(rng() * 20)}.${Math.floor(rng() * 10)}"`,
    '          args: ["--listen", ":8080"]',
    '          ports:',
    '            - name: http',
    '              containerPort: 8080',
    '              protocol: TCP',
    '            - name: metrics',
    '              containerPort: 9090',
    '          env:',
    '            - name: LOG_LEVEL',
    '              value: info',
    ...(peer ? ['            - name: UPSTREAM_URL', `              value: "http://${peer}.${namespace}.svc.cluster.local:80"`] : []),
    '          resources:',
    '            requests:',
    `              cpu: ${50 + Math.floor(rng() * 4) * 50}m`,
    '              memory: 128Mi',
    '          readinessProbe:',
    '            httpGet:',
    '              path: /healthz',
    '              port: http',
    '          livenessProbe:',
    '            tcpSocket:',
    '              port: http',
    '            initialDelaySeconds: 15',
  ];
  if (defect !== 'removed-api-version') return { lines };
  return { lines, defectLine: 0, defect: { kind: defect, ruleId: RULE_OF[defect], object: { kind: 'Deployment', namespace, name } } };
}

function service(name: string, namespace: string, defect: DefectKind | undefined, rng: () => number): Doc {
  const selectorValue = defect === 'selector-typo' ? `${name.slice(0, -2)}${name.slice(-1)}${name.slice(-2, -1)}` : name;
  const targetPort = defect === 'named-target-port' ? 'htpp' : defect === 'numeric-target-port' ? '8081' : 'http';
  const nodePort = defect === 'node-port-range' ? 32768 + Math.floor(rng() * 30000) : undefined;
  const lines = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    'spec:',
    `  type: ${nodePort ? 'NodePort' : 'ClusterIP'}`,
    '  selector:',
    `    app.kubernetes.io/name: ${selectorValue}`,
    '  ports:',
    '    - name: http',
    '      port: 80',
    `      targetPort: ${targetPort}`,
    ...(nodePort ? [`      nodePort: ${nodePort}`] : []),
    '    - name: metrics',
    '      port: 9090',
    '      targetPort: metrics',
  ];
  if (!defect || defect === 'removed-api-version' || defect === 'route-port' || defect === 'monitor-port') return { lines };
  const defectLine = defect === 'selector-typo' ? lines.indexOf('  selector:') : defect === 'node-port-range' ? 15 : 14;
  return { lines, defectLine, defect: { kind: defect, ruleId: RULE_OF[defect], object: { kind: 'Service', namespace, name } } };
}

function configMap(name: string, namespace: string): Doc {
  return {
    lines: [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: ${name}-config`,
      `  namespace: ${namespace}`,
      'data:',
      '  settings.yaml: |',
      '    cache:',
      '      ttl: 300',
      `    upstream: ${name}`,
      '  FEATURE_FLAGS: "checkout,search"',
    ],
  };
}

function ingress(name: string, namespace: string): Doc {
  return {
    lines: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      `  name: ${name}`,
      `  namespace: ${namespace}`,
      'spec:',
      '  ingressClassName: nginx',
      '  rules:',
      `    - host: ${name}.example.com`,
      '      http:',
      '        paths:',
      '          - path: /',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      `                name: ${name}`,
      '                port:',
      '                  name: http',
    ],
  };
}

/** An HTTPRoute to the app's Service through a shared Gateway the corpus does not hold. */
function httpRoute(name: string, namespace: string, defect: DefectKind | undefined): Doc {
  const lines = [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: HTTPRoute',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  parentRefs:',
    '    - name: edge',
    '      namespace: infra',
    '      sectionName: https',
    `  hostnames: ["${name}.example.com"]`,
    '  rules:',
    '    - matches:',
    '        - path:',
    '            type: PathPrefix',
    '            value: /',
    '      backendRefs:',
    `        - name: ${name}`,
    `          port: ${defect === 'route-port' ? 8080 : 80}`,
  ];
  if (defect !== 'route-port') return { lines };
  return { lines, defectLine: lines.length - 1, defect: { kind: defect, ruleId: RULE_OF[defect], object: { kind: 'HTTPRoute', namespace, name } } };
}

/** A ServiceMonitor scraping the app Service's metrics port. */
function serviceMonitor(name: string, namespace: string, defect: DefectKind | undefined): Doc {
  const lines = [
    'apiVersion: monitoring.coreos.com/v1',
    'kind: ServiceMonitor',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
    '  endpoints:',
    `    - port: ${defect === 'monitor-port' ? 'metrcs' : 'metrics'}`,
    '      interval: 30s',
  ];
  if (defect !== 'monitor-port') return { lines };
  return { lines, defectLine: lines.length - 2, defect: { kind: defect, ruleId: RULE_OF[defect], object: { kind: 'ServiceMonitor', namespace, name } } };
}

export function generateCorpus(options: GenerateOptions): GeneratedCorpus {
  const rng = random(options.seed ?? 42);
  const defectRate = options.defectRate ?? 0.1;
  const docs: { doc: Doc; namespace: string }[] = [];
  const appsPerNamespace = 150;
  for (let app = 0; app < options.apps; app++) {
    const namespace = `team-${Math.floor(app / appsPerNamespace)}`;
    const name = `app-${app}-${['cart', 'search', 'pay', 'ship', 'auth', 'mail'][app % 6]}`;
    const defect = rng() < defectRate ? DEFECT_KINDS[Math.floor(rng() * DEFECT_KINDS.length)] : undefined;
    // a peer in the same namespace that this app calls by its in-cluster name
    const peerIndex = app % appsPerNamespace > 0 ? app - 1 : undefined;
    const peer = peerIndex !== undefined ? `app-${peerIndex}-${['cart', 'search', 'pay', 'ship', 'auth', 'mail'][peerIndex % 6]}` : undefined;
    docs.push({ doc: deployment(name, namespace, peer, defect, rng), namespace });
    docs.push({ doc: service(name, namespace, defect, rng), namespace });
    if (rng() < 0.4) docs.push({ doc: configMap(name, namespace), namespace });
    if (rng() < 0.3) docs.push({ doc: ingress(name, namespace), namespace });
    // (a route to a port whose named targetPort is broken would be a second finding)
    if ((rng() < 0.3 && defect !== 'named-target-port') || defect === 'route-port') docs.push({ doc: httpRoute(name, namespace, defect), namespace });
    if (rng() < 0.3 || defect === 'monitor-port') docs.push({ doc: serviceMonitor(name, namespace, defect), namespace });
  }

  const files: { path: string; text: string }[] = [];
  const defects: SeededDefect[] = [];
  let bytes = 0;
  for (let start = 0, fileIndex = 0; start < docs.length; start += DOCS_PER_FILE, fileIndex++) {
    const folder = `group-${String(Math.floor(fileIndex / FILES_PER_FOLDER)).padStart(4, '0')}`;
    const file = `${folder}/manifests-${String(fileIndex).padStart(5, '0')}.yaml`;
    const lines: string[] = [];
    for (const { doc } of docs.slice(start, start + DOCS_PER_FILE)) {
      if (lines.length > 0) lines.push('---');
      if (doc.defect && doc.defectLine !== undefined) defects.push({ ...doc.defect, file, line: lines.length + doc.defectLine + 1 });
      lines.push(...doc.lines);
    }
    const text = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(text);
    files.push({ path: file, text });
  }
  return { files, defects, documents: docs.length, bytes };
}

export function writeCorpus(directory: string, corpus: GeneratedCorpus): void {
  for (const file of corpus.files) {
    const target = path.join(directory, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
}
