/**
 * A seeded uniform random source in [0, 1): mulberry32, tiny, fast and identical on every
 * platform, so a forecast or a simulation run twice with one seed gives the same numbers.
 * Nearby seeds (1, 2, 3…) are spread apart before they reach the generator.
 */
export function seededRandom(seed: number): () => number {
  let a = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.floor(seed / 2 ** 32)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The draws a simulation makes, all from one seeded stream: the same seed and the same
 * sequence of calls give the same values, so the order of the calls is part of the output.
 */
export class RandomSource {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  /**
   * An index drawn in proportion to weights given as running totals: the first whose total
   * is above r·sum. A binary search, for lists too long to walk on every draw.
   */
  cumulative(totals: Float64Array): number {
    const target = this.next() * totals[totals.length - 1]!;
    let lo = 0;
    let hi = totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (totals[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}
