/**
 * Kubernetes name formats with the API server's messages (k8s-semantics.md §0.2): each check
 * returns the problems found, [] when the value is valid.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      DNS1123_SUBDOMAIN.test(value)
        ? 'must not contain dots'
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
    );
  }
  return problems;
}

export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) problems.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    );
  }
  return problems;
}

export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

export function dns1035LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(value)) {
    problems.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
    );
  }
  return problems;
}

/** IANA_SVC_NAME: container port names and named targetPorts. */
export function portNameProblems(value: string): readonly string[] {
  return validPortNames.check(value, computePortNameProblems);
}

function computePortNameProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(value)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) problems.push('must contain at least one letter (a-z)');
  if (value.includes('--')) problems.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

export function isValidPortName(value: string): boolean {
  return portNameProblems(value).length === 0;
}

export function isValidPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

const NO_PROBLEMS: readonly string[] = [];

/** Remembers valid strings: the same few label keys and port names recur across thousands of objects. */
class ValidCache {
  private readonly valid = new Set<string>();

  check(value: string, problemsOf: (value: string) => string[]): readonly string[] {
    if (this.valid.has(value)) return NO_PROBLEMS;
    const problems = problemsOf(value);
    if (problems.length === 0 && this.valid.size < 100_000) this.valid.add(value);
    return problems;
  }
}

const validPortNames = new ValidCache();
const validKeys = new ValidCache();

/** A label key (also matchExpressions keys and qualified names such as appProtocol). */
export function labelKeyProblems(key: string): readonly string[] {
  return validKeys.check(key, computeLabelKeyProblems);
}

export function labelValueProblems(value: string): readonly string[] {
  // Label values are mostly unique (app names), so no cache: the usual value is checked by a
  // character loop instead of the byte count and the regular expression.
  return isPlainLabelValue(value) ? NO_PROBLEMS : computeLabelValueProblems(value);
}

/** Empty, or up to 63 ASCII letters, digits, '-', '_' and '.' that begin and end with a letter or digit. */
function isPlainLabelValue(value: string): boolean {
  if (value.length > 63) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const alphanumeric = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alphanumeric) continue;
    if ((c !== 45 && c !== 95 && c !== 46) || i === 0 || i === value.length - 1) return false;
  }
  return true;
}

function computeLabelKeyProblems(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) return [`a valid label key ${LABEL_NAME_RULE}, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const problems: string[] = [];
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') problems.push('prefix part must be non-empty');
    else problems.push(...dns1123SubdomainProblems(prefix).map((p) => `prefix part ${p}`));
  }
  if (name === '') problems.push('name part must be non-empty');
  else {
    if (utf8Length(name) > 63) problems.push('name part must be no more than 63 bytes');
    if (!LABEL_NAME.test(name)) problems.push(`name part ${LABEL_NAME_RULE}`);
  }
  return problems;
}

function computeLabelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (utf8Length(value) > 63) problems.push('must be no more than 63 bytes');
  if (!LABEL_VALUE.test(value)) problems.push(`a valid label must be an empty string or ${LABEL_NAME_RULE.replace('must consist', 'consist')}`);
  return problems;
}

export const PROTOCOLS: readonly string[] = ['SCTP', 'TCP', 'UDP'];

/** TCP, UDP or SCTP, case-sensitive. */
export function isValidProtocol(protocol: string): boolean {
  return PROTOCOLS.includes(protocol);
}
