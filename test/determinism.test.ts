/**
 * The same input gives the same report whatever the order of its files (or of the documents
 * of a stream: then but for lines), ties broken by file, then name; and "did you mean" hints
 * come from the workloads one typo away in the Service's own region of the file tree.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { lintJson, runCli, type JsonResult } from './helpers/cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-determinism-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): string {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
  return file;
}

function deployment(name: string, labels: Record<string, string>, ports = '[{name: http, containerPort: 9080}]'): string {
  const labelText = Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {${labelText}}
  template:
    metadata:
      labels: {${labelText}}
    spec:
      containers:
        - name: app
          image: example/${name}
          ports: ${ports}
`;
}

function service(name: string, selector: Record<string, string>, targetPort = 'http'): string {
  const selectorText = Object.entries(selector).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {${selectorText}}
  ports:
    - port: 80
      targetPort: ${targetPort}
`;
}

/** What a report says, whatever the order: each finding's rule, message and related messages. */
function findings(results: readonly JsonResult[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} [${m.related.map((x) => x.message).join('; ')}]`)).sort();
}

describe('the closest pod template for a selector that matches nothing', () => {
  test('is the one a typo away in one label, not one sharing only the other labels', async () => {
    const files = [
      write('bookinfo/details.yaml', deployment('details-v1', { app: 'details', version: 'v1' })),
      write('bookinfo/mongodb.yaml', deployment('mongodb-v1', { app: 'mongodb', version: 'v1' })),
      write('bookinfo/ratings.yaml', deployment('ratings-v1', { app: 'ratings', version: 'v1' })),
      write('bookinfo/reviews.yaml', deployment('reviews-v1', { app: 'reviews', version: 'v1' })),
      write('bookinfo/service.yaml', service('reviews', { app: 'rvviews', version: 'v1' })),
    ];
    for (const order of [files, [...files].reverse()]) {
      const { results } = await lintJson(order, { cwd: root });
      const message = results.flatMap((r) => r.messages).find((m) => m.ruleId === 'service-selector-no-match')!.message;
      expect(message).toContain('closest is Deployment/reviews-v1, which has app=reviews (did you mean app=reviews?)');
    }
  });

  test('comes only from the Service\'s own region of the tree, never from an unrelated sample', async () => {
    write('region/app/api.yaml', deployment('api', { app: 'api' }));
    write('region/app/service.yaml', service('site', { app: 'webb' }));
    write('region/samples/other/web.yaml', deployment('web', { app: 'web' }));
    write('region/samples/other/ingress.yaml', service('web', { app: 'web' }));
    write(
      'region/app/ingress.yaml',
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: front
spec:
  defaultBackend:
    service:
      name: wev
      port: {number: 80}
`,
    );
    const { results } = await lintJson(['region'], { cwd: root });
    const messages = results.filter((r) => r.filePath.startsWith('region/app/')).flatMap((r) => r.messages.map((m) => m.message));
    expect(messages.find((m) => m.includes('selects no pods'))).not.toContain('closest is');
    expect(messages.find((m) => m.includes('routes to Service "wev"'))).not.toContain('did you mean');
    // the sample's own Service is judged in its region, and finds its workload
    expect(results.find((r) => r.filePath === 'region/samples/other/ingress.yaml')!.messages).toEqual([]);
  });
});

describe('the report does not depend on the order of the input', () => {
  const documents = [
    deployment('web', { app: 'web', tier: 'front' }, '[{name: web, containerPort: 8080}]'),
    deployment('web', { app: 'web', tier: 'front' }, '[{name: web, containerPort: 8080}]'),
    deployment('web-canary', { app: 'web', tier: 'front' }, '[{name: web, containerPort: 8081}]'),
    deployment('zeta', { app: 'web', tier: 'front' }, '[{name: other, containerPort: 7070}]'),
    deployment('alpha', { app: 'web', tier: 'front' }, '[{name: web, containerPort: 6060}]'),
    service('web', { app: 'web' }, '9090'),
    service('front', { app: 'wab', tier: 'front' }),
    deployment('caller', { app: 'caller' }).replace('ports: [{name: http, containerPort: 9080}]', 'env: [{name: URL, value: "http://wbe:80"}]'),
  ];
  const permutations = [documents.map((_, i) => i), documents.map((_, i) => documents.length - 1 - i), [2, 0, 5, 7, 1, 4, 6, 3], [4, 3, 2, 1, 0, 7, 6, 5]];

  test('files named in any order: the same report', async () => {
    const files = documents.map((document, i) => write(`order/file-${i}.yaml`, document));
    const reports = [];
    for (const permutation of permutations) reports.push((await runCli(['lint', '-f', 'json', ...permutation.map((i) => files[i]!)], { cwd: root })).stdout);
    expect(findings(JSON.parse(reports[0]!) as JsonResult[]).length).toBeGreaterThanOrEqual(3);
    for (const report of reports.slice(1)) expect(report).toBe(reports[0]);
  });

  test('documents of a stream in any order: the same findings, at other lines', async () => {
    const reports = [];
    for (const permutation of permutations) {
      const { results } = await lintJson(['-'], { cwd: root, stdin: permutation.map((d) => documents[d]).join('---\n') });
      reports.push(findings(results));
    }
    for (const report of reports.slice(1)) expect(report).toEqual(reports[0]);
  });
});
