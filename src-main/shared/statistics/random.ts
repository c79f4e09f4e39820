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
