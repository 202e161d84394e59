/** Which strings in env values, args and commands are in-cluster Service references. */
import { describe, expect, test } from 'vitest';
import { containerReferences } from '../src/model/references.js';

/** A Pod's first container. */
const PLACE = { templatePath: [], list: 'containers', containerIndex: 0, container: 'app' } as const;

/** `service[.namespace][:port]` for each reference found in one env var. */
function fromEnv(name: string, value: string, clusterDomain = 'cluster.local'): string[] {
  return containerReferences({ env: [{ name, value }] }, PLACE, clusterDomain).map(
    (r) => `${r.service}${r.namespace ? `.${r.namespace}` : ''}${r.port !== undefined ? `:${r.port}` : ''}`,
  );
}

describe('service references', () => {
  test.each([
    ['REDIS_HOST', 'redis', ['redis']],
    ['CART_ADDR', 'cart.shop:7070', ['cart.shop:7070']],
    ['API_URL', 'http://api.shop.svc', ['api.shop:80']],
    ['API_URL', 'https://api.shop.svc.cluster.local/v1?x=1', ['api.shop:443']],
    ['API_URL', 'grpc://api.shop.svc.cluster.local.:9000', ['api.shop:9000']],
    ['PEERS', 'a:2380,b:2380', ['a:2380', 'b:2380']],
    ['DSN', 'postgres://user:secret@db:5432/app', ['db:5432']],
  ])('%s=%s', (name, value, expected) => expect(fromEnv(name, value)).toEqual(expected));

  test.each([
    ['LOG_LEVEL', 'debug'], // a bare word outside a host-named variable
    ['METRICS_ADDR', '10.0.0.5:9090'], // an IP
    ['DEBUG_ADDR', 'localhost:6060'],
    ['CDN_URL', 'https://cdn.example.com'], // an external domain
    ['UPSTREAM_URL', 'http://$(UPSTREAM_HOST):8080'], // a variable reference
    ['UPSTREAM_URL', 'http://{{ .Values.host }}'], // a template
    ['SIDECAR_IMAGE', 'envoy:1'], // an image, not host:port
    ['API_URL', 'http://api.shop.svc.other.domain'], // another cluster's domain
    ['API_HOST', 'Not_A_Service'],
  ])('not a reference: %s=%s', (name, value) => expect(fromEnv(name, value)).toEqual([]));

  test('the cluster domain is configurable and case-insensitive', () => {
    expect(fromEnv('API_URL', 'http://api.shop.svc.corp.internal', 'Corp.Internal.')).toEqual(['api.shop:80']);
    expect(fromEnv('API_URL', 'http://api.shop.svc.cluster.local', 'corp.internal')).toEqual([]);
  });

  test('args and command: host:port and URLs, after --flag=; paths point at the string', () => {
    const found = containerReferences({ args: ['--listen', ':8080', '--upstream=cart:7070'], command: ['sh', '-c', 'curl http://api/health'] }, PLACE, 'cluster.local');
    expect(found.map((r) => [r.source, r.text, r.path.join('.')])).toEqual([
      ['args', 'cart:7070', 'spec.containers.0.args.2'],
      ['command', 'http://api/health', 'spec.containers.0.command.2'],
    ]);
  });
});
