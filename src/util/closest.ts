/** "Did you mean" support: edit distances with an early exit, and the closest candidate. */

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Levenshtein distance, or `max + 1` as soon as it is certain to exceed `max`. Names compared
 * here often share a long prefix (`app-9356-pay`, `app-9355-search`): common ends are skipped,
 * and only the diagonal band of width `max` is computed.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return Math.max(n, m) <= max ? Math.max(n, m) : max + 1;
  if (m + 1 > previousRow.length) {
    previousRow = new Int32Array(m + 1);
    currentRow = new Int32Array(m + 1);
  }
  const outside = max + 1;
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= m; j++) previous[j] = j <= max ? j : outside;
  for (let i = 1; i <= n; i++) {
    // cells farther than `max` from the diagonal cannot end within `max`
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    current[from - 1] = from === 1 && i <= max ? i : outside;
    let rowMin = current[from - 1]!;
    const code = a.charCodeAt(start + i - 1);
    for (let j = from; j <= to; j++) {
      const cost = code === b.charCodeAt(start + j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < m) current[to + 1] = outside;
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return Math.min(previous[m]!, outside);
}

/**
 * Edit distances from one name to many: Myers' bit-parallel algorithm (in Hyyrö's form for
 * the distance between whole strings). The name's characters become bit masks once; each
 * candidate then costs a few word operations per character instead of a row of the distance
 * table. Names of up to 32 characters (one 32-bit word); longer ones use `editDistance`.
 */
export class DistancesFrom {
  /** For each character code: the positions of the name where it occurs, as bits. */
  private readonly asciiMasks = new Int32Array(128);
  private readonly otherMasks = new Map<number, number>();

  constructor(private readonly name: string) {
    if (name.length > 32) return;
    for (let i = 0; i < name.length; i++) {
      const code = name.charCodeAt(i);
      if (code < 128) this.asciiMasks[code]! |= 1 << i;
      else this.otherMasks.set(code, (this.otherMasks.get(code) ?? 0) | (1 << i));
    }
  }

  /** The edit distance to `other`, or `max + 1` when it is larger than `max`. */
  to(other: string, max: number): number {
    const m = this.name.length;
    const n = other.length;
    if (Math.abs(m - n) > max) return max + 1;
    if (m > 32) return editDistance(this.name, other, max);
    if (m === 0) return n;
    const last = 1 << (m - 1);
    let positive = m === 32 ? -1 : (1 << m) - 1; // vertical deltas +1 (all, in the first column)
    let negative = 0; // vertical deltas -1
    let score = m;
    for (let j = 0; j < n; j++) {
      const code = other.charCodeAt(j);
      const equal = code < 128 ? this.asciiMasks[code]! : (this.otherMasks.get(code) ?? 0);
      const xv = equal | negative;
      const xh = ((((equal & positive) + positive) | 0) ^ positive) | equal;
      let horizontalPositive = negative | ~(xh | positive);
      let horizontalNegative = positive & xh;
      if (horizontalPositive & last) score++;
      else if (horizontalNegative & last) score--;
      // the distance can fall by at most one per character left
      if (score - (n - 1 - j) > max) return max + 1;
      horizontalPositive = (horizontalPositive << 1) | 1;
      horizontalNegative <<= 1;
      positive = horizontalNegative | ~(xv | horizontalPositive);
      negative = horizontalPositive & xv;
    }
    return score <= max ? score : max + 1;
  }
}

/** How different two names may be and still be worth suggesting. */
export function suggestionDistance(name: string): number {
  return name.length <= 3 ? 1 : name.length <= 8 ? 2 : 3;
}

/** Equal but for letter case (same length given); without allocating for ASCII, as candidates run to thousands. */
function equalIgnoringCase(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    const lower = x | 32;
    if (lower !== (y | 32) || lower < 97 || lower > 122) return false;
  }
  return true;
}

/** `redis` for `redis-master` (and the reverse): one name is the other plus a `-suffix`. */
function sharesStem(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.length > short.length && long.charCodeAt(short.length) === 45 /* - */ && long.startsWith(short);
}

/** How `candidate` ranks as a suggestion for `target`: below `max + 1` is worth suggesting, lower is better. */
function rank(target: string, candidate: string, max: number, distances: DistancesFrom): number {
  let distance =
    Math.abs(candidate.length - target.length) > max
      ? Infinity
      : candidate.length === target.length && equalIgnoringCase(candidate, target)
        ? 0.5
        : distances.to(candidate, max);
  // (max + 0.5 is a shared stem: close enough, but after any real near-miss)
  if (distance > max && sharesStem(target, candidate)) distance = max + 0.5;
  return distance;
}

/**
 * The candidate closest to `target` (ties: the first), if close enough to suggest; an exact
 * match is not a suggestion. A case-only difference always counts as close, and so does a name
 * that is the other with a `-suffix` (ranked after real near-misses). Only the first `limit`
 * candidates are considered. (Names asked about many times: keep a Vocabulary of them.)
 */
export function closest(target: string, candidates: Iterable<string>, limit = 5000): string | undefined {
  return new Vocabulary(candidates, limit).closest(target);
}

/** The signature of a name with characters beyond ASCII, which is never used to rule it out. */
const NO_SIGNATURE = -1;

/**
 * Which characters a name has, letter case aside, as bits 0-30 (several characters share a
 * bit). One edit adds or removes at most two bits, so two names whose signatures differ in
 * more than `2 × max` bits are more than `max` edits apart.
 */
function signature(name: string): number {
  let bits = 0;
  for (let i = 0; i < name.length; i++) {
    let code = name.charCodeAt(i);
    if (code > 127) return NO_SIGNATURE;
    if (code >= 65 && code <= 90) code |= 32;
    bits |= 1 << ((Math.imul(code, 0x9e3779b1) >>> 0) % 31);
  }
  return bits;
}

function bitCount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Names to suggest from (`closest`), kept when asked about many times (a label's values across
 * a namespace): most names are ruled out by their signature before any edit distance.
 */
export class Vocabulary {
  private readonly names: string[] = [];
  private readonly signatures: Int32Array;

  /** `limit`: as for `closest`, only the first so many names are considered. */
  constructor(names: Iterable<string>, limit = 5000) {
    for (const name of names) {
      if (this.names.length >= limit) break;
      this.names.push(name);
    }
    this.signatures = Int32Array.from(this.names, signature);
  }

  closest(target: string): string | undefined {
    const max = suggestionDistance(target);
    const targetSignature = signature(target);
    const distances = new DistancesFrom(target);
    let best: string | undefined;
    let bestDistance = max + 1;
    for (let i = 0; i < this.names.length; i++) {
      const candidate = this.names[i]!;
      if (candidate === target) continue;
      const candidateSignature = this.signatures[i]!;
      const farApart = targetSignature !== NO_SIGNATURE && candidateSignature !== NO_SIGNATURE && bitCount(targetSignature ^ candidateSignature) > 2 * max;
      const distance = farApart ? (sharesStem(target, candidate) ? max + 0.5 : Infinity) : rank(target, candidate, max, distances);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }
}
