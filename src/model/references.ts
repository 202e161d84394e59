/**
 * In-cluster Service references in container env values, args and command: the host names
 * an app calls (`redis-master`, `api.shop:8080`, `http://api.shop.svc.cluster.local/v1`).
 * Only what is clearly meant as a Service is taken: a bare name only when the env var is named
 * like a host (`*_HOST`, `*_ADDR`, `*_URL`, `*_SERVICE`), and dotted names only in the forms of
 * Service DNS. IPs, localhost, external domains, `$(VAR)` references and template placeholders
 * are left alone.
 */
import type { Path } from '../load/positions.js';
import { isDns1035Label } from './names.js';

/** One Service reference; where it was written is derived from its candidate on demand. */
export class ServiceReference {
  constructor(
    private readonly candidate: ReferenceCandidate,
    /** The reference as written (`redis:6379`, `http://api.shop.svc:8080`). */
    readonly text: string,
    readonly service: string,
    /** Written in the reference (`api.shop`); otherwise the caller's namespace applies. */
    readonly namespace: string | undefined,
    readonly port: number | undefined,
    /** The port is the URL scheme's default (`http://api` → 80), not written. */
    readonly portImplied: boolean,
  ) {}

  get container(): string {
    return this.candidate.container;
  }

  /** Path of the string inside the object. */
  get path(): Path {
    const { templatePath, list, containerIndex, field, index } = this.candidate;
    const container = [...templatePath, 'spec', list, containerIndex];
    return field === 'env' ? [...container, 'env', index, 'value'] : [...container, field, index];
  }

  /** Where it was written: `env REDIS_HOST`, `args`, `command`. */
  get source(): string {
    return this.candidate.field === 'env' ? `env ${this.candidate.name}` : this.candidate.field;
  }
}

/** Env var names that say the value is a host: `*_HOST`, `*_ADDR`, `*_URL`… */
const HOST_ENV_SUFFIXES = new Set(['HOST', 'HOSTNAME', 'ADDR', 'ADDRESS', 'URL', 'URI', 'SERVICE', 'ENDPOINT']);
const SEPARATORS = /[\s,;]+/;

/**
 * The whitespace-, comma- or semicolon-separated tokens of a value, or undefined when it holds a
 * placeholder filled in later (`$(VAR)`, `${VAR}`, `{{ }}`, `<% %>`, `%{ }`): not checkable. One
 * scan of the characters: this runs for every candidate value.
 */
function tokensOf(value: string): string[] | undefined {
  let separated = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 32 || code === 44 /* , */ || code === 59 /* ; */) separated = true;
    else if (code === 36 /* $ */ || code === 123 /* { */ || code === 60 /* < */ || code === 37 /* % */) {
      const next = value.charCodeAt(i + 1);
      if ((code === 36 && (next === 40 || next === 123)) || (code === 123 && next === 123) || (code === 60 && next === 37) || (code === 37 && next === 123)) return undefined;
    }
  }
  return separated ? value.split(SEPARATORS).filter(Boolean) : [value];
}

/** What may stand before `=` in `--flag=value` or `KEY=value`. */
const FLAG = /^[-\w.]+$/;
/** `--image=redis:7`, `SIDECAR_IMAGE=envoy:1`, `defaultImage=…`: an image reference, not a host and port. */
const NOT_A_HOST = /(?:^|[-_.]|[a-z](?=[A-Z]))(?:image|tag|version)(?:$|[-_.])|(?:Image|Tag|Version)$/i;
const URL = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?([^/?#:[\]]+)(?::(\d{1,5}))?(?:[/?#].*)?$/i;
const HOST_PORT = /^([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?):(\d{1,5})$/i;
const DEFAULT_PORTS = new Map([['http', 80], ['https', 443], ['ws', 80], ['wss', 443]]);
/**
 * URL schemes of storage and files, whose "host" is a bucket or a path (`gs://bucket/dir`), never
 * a Service; and Istio's `kubernetes://apis/apps/v1/namespaces/NS/deployments/NAME`, the owner
 * its injected sidecar names (ISTIO_META_OWNER), an API path.
 */
const STORAGE_SCHEMES = new Set(['gs', 'gcs', 's3', 's3a', 's3n', 'file', 'hdfs', 'abfs', 'abfss', 'wasb', 'wasbs', 'az', 'oci', 'jar', 'hf', 'kubernetes']);

interface Target {
  readonly service: string;
  readonly namespace: string | undefined;
}

function isHostEnv(name: string): boolean {
  const suffix = name.slice(name.lastIndexOf('_') + 1);
  return suffix.length < name.length && (HOST_ENV_SUFFIXES.has(suffix) || HOST_ENV_SUFFIXES.has(suffix.toUpperCase()));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function hasUpperCase(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 65 && code <= 90) return true;
  }
  return false;
}

/**
 * A host name as a Service in-cluster, or undefined when it is not one (an IP, an external
 * domain): `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.<cluster domain>`. `clusterDomain`
 * is lowercase, without a trailing dot. (Index arithmetic rather than split: this runs for every
 * URL and host:port in every container.)
 */
function serviceHost(host: string, clusterDomain: string): Target | undefined {
  // a first label with capitals (`http://ClusterIP:8000`, `MY_SERVICE`) is a placeholder the
  // reader replaces: Service names are lower case
  const firstLabelEnd = host.indexOf('.');
  if (hasUpperCase(firstLabelEnd < 0 ? host : host.slice(0, firstLabelEnd))) return undefined;
  let name = hasUpperCase(host) ? host.toLowerCase() : host;
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === 'localhost' || (isDigit(name.charCodeAt(0)) && /^[\d.]+$/.test(name))) return undefined;
  const firstDot = name.indexOf('.');
  const service = firstDot < 0 ? name : name.slice(0, firstDot);
  if (!isDns1035Label(service)) return undefined;
  if (firstDot < 0) return { service, namespace: undefined };
  const secondDot = name.indexOf('.', firstDot + 1);
  const namespace = name.slice(firstDot + 1, secondDot < 0 ? name.length : secondDot);
  if (secondDot < 0) return { service, namespace };
  // name.ns.svc, or name.ns.svc.<cluster domain>; anything else is an external domain
  const afterSvc = secondDot + 4;
  if (!name.startsWith('svc', secondDot + 1)) return undefined;
  if (name.length === afterSvc) return { service, namespace };
  const inCluster = name.charCodeAt(afterSvc) === 46 /* . */ && name.length - afterSvc - 1 === clusterDomain.length && name.endsWith(clusterDomain);
  return inCluster ? { service, namespace } : undefined;
}

/** `Cluster.Local.` → `cluster.local` */
export function normalizeDomain(domain: string): string {
  const lower = domain.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Adds the references in one candidate string to `found`. */
function referencesIn(candidate: ReferenceCandidate, clusterDomain: string, found: ServiceReference[]): void {
  const { value, hostEnv } = candidate;
  const tokens = tokensOf(value);
  if (!tokens) return;
  for (const raw of tokens) {
    // `--upstream=redis:6379`, `DB=postgres:5432`: the part after the first `=`
    // (only when what precedes it is a flag or key, not part of a URL's query)
    const equals = raw.indexOf('=');
    const key = equals > 0 && FLAG.test(raw.slice(0, equals)) ? raw.slice(0, equals) : undefined;
    if (key && NOT_A_HOST.test(key)) continue;
    const token = key ? raw.slice(equals + 1) : raw;
    let host: string | undefined;
    let port: number | undefined;
    let portImplied = false;
    // the regular expressions only run on what can match them
    const url = token.includes('://') ? URL.exec(token) : null;
    const hostPort = url || token.indexOf(':') <= 0 ? null : HOST_PORT.exec(token);
    if (url) {
      if (STORAGE_SCHEMES.has(url[1]!.toLowerCase())) continue;
      host = url[2];
      port = url[3] ? Number(url[3]) : DEFAULT_PORTS.get(url[1]!.toLowerCase());
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
    found.push(new ServiceReference(candidate, token, target.service, target.namespace, port, portImplied));
  }
}

/** Where a container sits in its object: `<templatePath>.spec.<list>[<containerIndex>]`, and its name. */
export interface ContainerPlace {
  readonly templatePath: Path;
  readonly list: 'containers' | 'initContainers';
  readonly containerIndex: number;
  readonly container: string;
}

/** A string that may hold references: picked out cheaply, then parsed by `parseReferences`. */
export interface ReferenceCandidate extends ContainerPlace {
  readonly value: string;
  /** The env var's name says it holds a host (`*_HOST`…): a bare name counts. */
  readonly hostEnv: boolean;
  readonly field: 'env' | 'args' | 'command';
  readonly index: number;
  /** The env var's name. */
  readonly name?: string;
}

/** Adds the strings of one container that may hold references (`raw` is its mapping). */
export function collectCandidates(raw: Readonly<Record<string, unknown>>, place: ContainerPlace, out: ReferenceCandidate[]): void {
  const { templatePath, list, containerIndex, container } = place;
  const env = raw['env'];
  if (Array.isArray(env)) {
    for (let index = 0; index < env.length; index++) {
      const entry = env[index] as Record<string, unknown> | null;
      const value = entry?.['value'];
      if (typeof value !== 'string') continue;
      const name = typeof entry?.['name'] === 'string' ? entry['name'] : '';
      // most values are neither host:port nor a URL, nor in a host-named variable: skip them cheaply
      const hostEnv = isHostEnv(name);
      if (!hostEnv && value.indexOf(':') <= 0) continue;
      out.push({ value, hostEnv, container, templatePath, list, containerIndex, field: 'env', index, name });
    }
  }
  for (const field of ['args', 'command'] as const) {
    const strings = raw[field];
    if (!Array.isArray(strings)) continue;
    for (let index = 0; index < strings.length; index++) {
      const value: unknown = strings[index];
      if (typeof value === 'string' && value.indexOf(':') > 0) out.push({ value, hostEnv: false, container, templatePath, list, containerIndex, field, index });
    }
  }
}

/** The references in the candidates. */
export function parseReferences(candidates: readonly ReferenceCandidate[], clusterDomain: string): ServiceReference[] {
  const references: ServiceReference[] = [];
  const domain = normalizeDomain(clusterDomain);
  for (const candidate of candidates) {
    if (candidate.name !== undefined && NOT_A_HOST.test(candidate.name)) continue;
    referencesIn(candidate, domain, references);
  }
  return references;
}

/** The references in one container (`raw` is its mapping). */
export function containerReferences(raw: Readonly<Record<string, unknown>>, place: ContainerPlace, clusterDomain: string): ServiceReference[] {
  const candidates: ReferenceCandidate[] = [];
  collectCandidates(raw, place, candidates);
  return parseReferences(candidates, clusterDomain);
}
