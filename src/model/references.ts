/**
 * In-cluster Service references in container env values, args and command: the host names
 * an app calls (`redis-master`, `api.shop:8080`, `http://api.shop.svc.cluster.local/v1`).
 * Only what is clearly meant as a Service is taken: a bare name only when the env var is named
 * like a host (`*_HOST`, `*_ADDR`, `*_URL`, `*_SERVICE`), and dotted names only in the forms of
 * Service DNS. IPs, localhost, external domains, `$(VAR)` references and template placeholders
 * are left alone.
 */
import type { Path } from '../load/positions.js';
import { dns1035LabelProblems } from './names.js';

export interface ServiceReference {
  /** Path of the string inside the object. */
  readonly path: Path;
  readonly container: string;
  /** Where it was written: `env REDIS_HOST`, `args`, `command`. */
  readonly source: string;
  /** The reference as written (`redis:6379`, `http://api.shop.svc:8080`). */
  readonly text: string;
  readonly service: string;
  /** Written in the reference (`api.shop`); otherwise the caller's namespace applies. */
  readonly namespace?: string;
  readonly port?: number;
  /** The port is the URL scheme's default (`http://api` → 80), not written. */
  readonly portImplied?: boolean;
}

const HOST_ENV = /(?:_HOST|_HOSTNAME|_ADDR|_ADDRESS|_URL|_URI|_SERVICE|_ENDPOINT)$/i;
const PLACEHOLDER = /\$\(|\$\{|\{\{|<%|%\{/;
/** `--image=redis:7`, `SIDECAR_IMAGE=envoy:1`, `defaultImage=…`: an image reference, not a host and port. */
const NOT_A_HOST = /(?:^|[-_.]|[a-z](?=[A-Z]))(?:image|tag|version)(?:$|[-_.])|(?:Image|Tag|Version)$/i;
const URL = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?([^/?#:[\]]+)(?::(\d{1,5}))?(?:[/?#].*)?$/i;
const HOST_PORT = /^([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?):(\d{1,5})$/i;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

interface Target {
  readonly service: string;
  readonly namespace?: string;
}

/** A host name as a Service in-cluster, or undefined when it is not one (an IP, an external domain). */
export function serviceHost(host: string, clusterDomain: string): Target | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || /^[\d.]+$/.test(name)) return undefined;
  const labels = name.split('.');
  const domain = clusterDomain.toLowerCase().replace(/\.$/, '').split('.');
  let target: Target | undefined;
  if (labels.length === 1) target = { service: labels[0]! };
  else if (labels.length === 2) target = { service: labels[0]!, namespace: labels[1]! };
  else if (labels[2] === 'svc' && (labels.length === 3 || labels.slice(3).join('.') === domain.join('.'))) {
    target = { service: labels[0]!, namespace: labels[1]! };
  }
  if (!target || dns1035LabelProblems(target.service).length > 0) return undefined;
  return target;
}

/** The candidate references in one string. */
function referencesIn(value: string, hostEnv: boolean, clusterDomain: string): Omit<ServiceReference, 'path' | 'container' | 'source'>[] {
  if (PLACEHOLDER.test(value)) return [];
  const found: Omit<ServiceReference, 'path' | 'container' | 'source'>[] = [];
  const tokens = value.trim().split(/[\s,;]+/).filter(Boolean);
  for (const raw of tokens) {
    // `--upstream=redis:6379`, `DB=postgres:5432`: the part after the first `=`
    const equals = raw.indexOf('=');
    if (equals > 0 && NOT_A_HOST.test(raw.slice(0, equals))) continue;
    const token = equals >= 0 ? raw.slice(equals + 1) : raw;
    const url = URL.exec(token);
    const hostPort = url ? undefined : HOST_PORT.exec(token);
    let host: string | undefined;
    let port: number | undefined;
    let portImplied = false;
    if (url) {
      host = url[2];
      port = url[3] ? Number(url[3]) : DEFAULT_PORTS[url[1]!.toLowerCase()];
      portImplied = !url[3] && port !== undefined;
    } else if (hostPort) {
      host = hostPort[1];
      port = Number(hostPort[2]);
    } else if (hostEnv && tokens.length === 1) {
      host = token;
    }
    if (!host || (port !== undefined && (port < 1 || port > 65535))) continue;
    const target = serviceHost(host, clusterDomain);
    if (!target) continue;
    found.push({ text: token, ...target, ...(port !== undefined ? { port } : {}), ...(portImplied ? { portImplied } : {}) });
  }
  return found;
}

/** The references in one container (`raw` is its mapping, `path` its place in the object). */
export function containerReferences(raw: Readonly<Record<string, unknown>>, path: Path, container: string, clusterDomain: string): ServiceReference[] {
  const references: ServiceReference[] = [];
  const env = raw['env'];
  if (Array.isArray(env)) {
    env.forEach((item, i) => {
      const entry = item as Record<string, unknown> | null;
      const name = typeof entry?.['name'] === 'string' ? entry['name'] : '';
      const value = entry?.['value'];
      if (typeof value !== 'string' || NOT_A_HOST.test(name)) return;
      for (const reference of referencesIn(value, HOST_ENV.test(name), clusterDomain)) {
        references.push({ ...reference, path: [...path, 'env', i, 'value'], container, source: `env ${name}` });
      }
    });
  }
  for (const field of ['args', 'command'] as const) {
    const list = raw[field];
    if (!Array.isArray(list)) continue;
    list.forEach((value, i) => {
      if (typeof value !== 'string') return;
      for (const reference of referencesIn(value, false, clusterDomain)) {
        references.push({ ...reference, path: [...path, field, i], container, source: field });
      }
    });
  }
  return references;
}
