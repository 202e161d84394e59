/**
 * IP addresses and CIDRs as the API server reads them in Service fields: Go's `net.ParseIP`
 * (k8s.io/utils/net ParseIPSloppy, which allows leading zeros in IPv4), and the special ranges
 * of `ValidateNonSpecialIP` (pkg/apis/core/validation).
 */

/** An address as 16 bytes (IPv4 as IPv4-mapped IPv6), and whether it was written as IPv4. */
export interface ParsedIP {
  readonly bytes: Uint8Array;
  readonly v4: boolean;
}

const IPV4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

function parseIPv4(text: string, into: Uint8Array, at: number): boolean {
  const match = IPV4.exec(text);
  if (!match) return false;
  for (let i = 0; i < 4; i++) {
    const octet = Number(match[i + 1]);
    if (octet > 255) return false;
    into[at + i] = octet;
  }
  return true;
}

/** Go's IPv6 syntax: up to 8 groups of 1–4 hex digits, one `::`, an IPv4 tail; no zone. */
function parseIPv6(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(16);
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const words: number[] = [];
  const readGroups = (groups: string[], out: number[]): boolean => {
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      if (i === groups.length - 1 && group.includes('.')) {
        const v4 = new Uint8Array(4);
        if (!parseIPv4(group, v4, 0)) return false;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) {
        out.push(parseInt(group, 16));
      } else {
        return false;
      }
    }
    return true;
  };
  const headWords: number[] = [];
  const tailWords: number[] = [];
  // an IPv4 tail may only end the address
  if (halves.length === 2 && head.some((g) => g.includes('.'))) return undefined;
  if (!readGroups(head, headWords) || !readGroups(tail, tailWords)) return undefined;
  if (halves.length === 1 ? headWords.length !== 8 : headWords.length + tailWords.length > 7) return undefined;
  words.push(...headWords, ...new Array<number>(8 - headWords.length - tailWords.length).fill(0), ...tailWords);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

/** The address, or undefined when Go's net.ParseIP would not read it. */
export function parseIP(text: string): ParsedIP | undefined {
  if (text.includes(':')) {
    const bytes = parseIPv6(text);
    return bytes ? { bytes, v4: false } : undefined;
  }
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  return parseIPv4(text, bytes, 12) ? { bytes, v4: true } : undefined;
}

/** An IPv4 address or an IPv4-mapped IPv6 one, as Go's `To4` sees it: its 4 bytes. */
function asIPv4(ip: ParsedIP): Uint8Array | undefined {
  const b = ip.bytes;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return undefined;
  return b[10] === 0xff && b[11] === 0xff ? b.subarray(12) : undefined;
}

/** Whether the address is IPv6 (Go's `IsIPv6String`: not representable as IPv4). */
export function isIPv6(ip: ParsedIP): boolean {
  return asIPv4(ip) === undefined;
}

/**
 * Why ValidateNonSpecialIP rejects an address (unspecified, loopback, link-local), or undefined.
 * Used for externalIPs, Endpoints and EndpointSlices.
 */
export function specialIPProblem(ip: ParsedIP, text: string): string | undefined {
  const v4 = asIPv4(ip);
  const b = ip.bytes;
  if (v4 ? v4.every((x) => x === 0) : b.every((x) => x === 0)) return `may not be unspecified (${text})`;
  if (v4 ? v4[0] === 127 : b.subarray(0, 15).every((x) => x === 0) && b[15] === 1) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  if (v4 ? v4[0] === 169 && v4[1] === 254 : b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  if (v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : b[0] === 0xff && (b[1]! & 0x0f) === 0x02) {
    return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  }
  return undefined;
}

/** The API server's message for a value that is not an IP address (IsValidIP). */
export const NOT_AN_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** A CIDR as `IsValidCIDR` accepts it: an address, `/`, and a prefix length that fits it. */
export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return false;
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const ip = parseIP(value.slice(0, slash));
  return ip !== undefined && Number(bits) <= (ip.v4 ? 32 : 128);
}
