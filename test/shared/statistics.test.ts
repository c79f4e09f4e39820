import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betaPosterior,
  betaQuantile,
  median,
  medianOfCounts,
  normalQuantile,
  probabilityBetter,
  quantile,
  regularizedBeta,
  seededRandom,
  wilsonInterval,
} from '../../src-main/shared/statistics';

// Reference values from R (qnorm, qbeta, pbeta, quantile type 7) / SciPy, which agree.

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([47])).toBe(47);
    expect(median([45, 48, 47])).toBe(47);
    expect(median([10, 40, 20, 30])).toBe(25);
  });
});

describe('medianOfCounts', () => {
  it('is the median of the list the counts make', () => {
    expect(medianOfCounts([[12, 1]])).toBe(12);
    expect(
      medianOfCounts([
        [30, 2],
        [10, 1],
        [20, 1],
      ]),
    ).toBe(25); // 10, 20, 30, 30
    expect(
      medianOfCounts([
        [5, 0],
        [7, 3],
        [1, 2],
      ]),
    ).toBe(7); // 1, 1, 7, 7, 7
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(fc.integer({ min: -50, max: 400 }), fc.integer({ min: 0, max: 6 })))
          .filter((c) => c.some(([, n]) => n > 0)),
        (counts) => {
          const list = counts.flatMap(([value, n]) => Array<number>(n).fill(value));
          expect(medianOfCounts(counts)).toBe(median(list));
        },
      ),
    );
  });
});

describe('quantile (R type 7)', () => {
  it('interpolates between order statistics', () => {
    const oneToTen = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(oneToTen, 0.9)).toBeCloseTo(9.1, 12); // quantile(1:10, 0.9)
    expect(quantile(oneToTen, 0.5)).toBe(5.5);
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([7], 0.25)).toBe(7);
    expect(quantile([1, 2, 3], 0)).toBe(1);
    expect(quantile([1, 2, 3], 1)).toBe(3);
  });

  it('skips the NaNs a typed array sorts last, and is NaN with nothing left', () => {
    expect(quantile(Float64Array.from([1, 2, 3, Number.NaN]).sort(), 1)).toBe(3);
    expect(quantile([Number.NaN], 0.5)).toBeNaN();
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('seededRandom', () => {
  it('repeats with a seed, differs between seeds, stays in [0, 1)', () => {
    const draw = (seed: number): number[] => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const r = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('normalQuantile', () => {
  it('matches qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829304, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281551566, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it('gives the textbook interval for 8 of 10 at 95 %', () => {
    const i = wilsonInterval(8, 10)!;
    expect(i.low).toBeCloseTo(0.490162, 5);
    expect(i.high).toBeCloseTo(0.943318, 5);
  });

  it('stays inside 0–1 at the edges and takes other levels', () => {
    const none = wilsonInterval(0, 20)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.161125, 5);
    expect(wilsonInterval(20, 20)!.high).toBe(1);
    const wide = wilsonInterval(47, 100, 0.99)!;
    expect(wide.low).toBeCloseTo(0.347357, 5);
    expect(wide.high).toBeCloseTo(0.596376, 5);
  });

  it('has closed forms at 0 of n and n of n: z²/(n + z²) and n/(n + z²)', () => {
    const z2 = 1.959963984540054 ** 2; // Acklam's z is good to ~1e-9, hence 8 places
    for (const n of [1, 2, 5, 19, 100]) {
      expect(wilsonInterval(0, n)!.low).toBe(0);
      expect(wilsonInterval(0, n)!.high).toBeCloseTo(z2 / (n + z2), 8);
      expect(wilsonInterval(n, n)!.low).toBeCloseTo(n / (n + z2), 8);
      expect(wilsonInterval(n, n)!.high).toBe(1);
    }
    expect(wilsonInterval(0, 5)!.high).toBeCloseTo(0.434482465, 8);
    expect(wilsonInterval(5, 5)!.low).toBeCloseTo(0.565517535, 8);
  });

  it('matches hand computations at small n', () => {
    // centre (p + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p(1−p)/n + z²/4n²)
    const cases: [number, number, number, number][] = [
      [0, 1, 0, 0.793450686],
      [1, 1, 0.206549314, 1],
      [1, 2, 0.094531206, 0.905468794],
      [1, 3, 0.061491945, 0.792340399],
      [2, 3, 0.207659601, 0.938508055],
      [12, 19, 0.410395332, 0.808504873],
    ];
    for (const [s, n, low, high] of cases) {
      const i = wilsonInterval(s, n)!;
      expect(i.low).toBeCloseTo(low, 8);
      expect(i.high).toBeCloseTo(high, 8);
    }
    // 1 of 2 sits symmetrically around ½.
    const half = wilsonInterval(1, 2)!;
    expect(half.low + half.high).toBeCloseTo(1, 12);
  });

  it('is null without trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(RangeError);
  });
});

describe('regularizedBeta and betaQuantile', () => {
  it('match closed forms', () => {
    for (const x of [0.1, 0.37, 0.8]) {
      expect(regularizedBeta(x, 1, 1)).toBeCloseTo(x, 12); // uniform
      expect(regularizedBeta(x, 3, 1)).toBeCloseTo(x ** 3, 12);
      expect(regularizedBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 12);
    }
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(betaQuantile(0.5, 4, 4)).toBeCloseTo(0.5, 10);
    expect(betaQuantile(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** (1 / 4), 10);
  });

  it('match qbeta', () => {
    expect(betaQuantile(0.025, 9, 3)).toBeCloseTo(0.482244148, 8);
    expect(betaQuantile(0.975, 9, 3)).toBeCloseTo(0.939782266, 8);
    expect(betaQuantile(0.025, 1.5, 20.5)).toBeCloseTo(0.005187043, 8);
    expect(betaQuantile(0.975, 1.5, 20.5)).toBeCloseTo(0.201755968, 8);
    expect(betaQuantile(0.05, 0.5, 0.5)).toBeCloseTo(0.00615583, 8);
    expect(betaQuantile(0.025, 101, 901)).toBeCloseTo(0.082936398, 8);
    expect(betaQuantile(0.975, 101, 901)).toBeCloseTo(0.12016913, 8);
    for (const p of [0.01, 0.2, 0.5, 0.9]) expect(regularizedBeta(betaQuantile(p, 2.5, 7), 2.5, 7)).toBeCloseTo(p, 10);
  });
});

describe('betaPosterior', () => {
  it('updates a uniform prior: 8 of 10 is Beta(9, 3)', () => {
    const post = betaPosterior(8, 10);
    expect(post.mean).toBeCloseTo(0.75, 12);
    expect(post.low).toBeCloseTo(0.482244148, 8);
    expect(post.high).toBeCloseTo(0.939782266, 8);
  });

  it('takes a prior and a level: Jeffreys for 1 of 21 is Beta(1.5, 20.5)', () => {
    const post = betaPosterior(1, 21, { alpha: 0.5, beta: 0.5 }, 0.95);
    expect(post.mean).toBeCloseTo(1.5 / 22, 12);
    expect(post.low).toBeCloseTo(0.005187043, 8);
    expect(post.high).toBeCloseTo(0.201755968, 8);
    const none = betaPosterior(0, 0, { alpha: 0.5, beta: 0.5 }, 0.9);
    expect(none.low).toBeCloseTo(0.00615583, 8);
  });

  it('refuses impossible counts or priors', () => {
    expect(() => betaPosterior(5, 4)).toThrow(RangeError);
    expect(() => betaPosterior(1, 2, { alpha: 0, beta: 1 })).toThrow(RangeError);
  });
});

/**
 * P(X > Y) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2) by brute force, independent of the library:
 * both densities normalised numerically on a fine grid, Y's CDF by the trapezoid rule, then
 * Simpson over f_X(x)·F_Y(x). Parameters ≥ 1 only (bounded densities).
 */
function integrated(a1: number, b1: number, a2: number, b2: number): number {
  const n = 20_000; // even
  const h = 1 / n;
  const xs = Array.from({ length: n + 1 }, (_, k) => k * h);
  const density = (a: number, b: number): number[] => {
    const raw = xs.map((x) => (x === 0 && a === 1 ? 1 : x ** (a - 1)) * (x === 1 && b === 1 ? 1 : (1 - x) ** (b - 1)));
    const total = simpson(raw, h);
    return raw.map((v) => v / total);
  };
  const fx = density(a1, b1);
  const fy = density(a2, b2);
  const cdf = [0];
  for (let k = 1; k <= n; k++) cdf.push(cdf[k - 1]! + ((fy[k - 1]! + fy[k]!) * h) / 2);
  return simpson(
    fx.map((v, k) => v * cdf[k]!),
    h,
  );
}
function simpson(values: readonly number[], h: number): number {
  let sum = values[0]! + values[values.length - 1]!;
  for (let k = 1; k < values.length - 1; k++) sum += (k % 2 === 1 ? 4 : 2) * values[k]!;
  return (sum * h) / 3;
}

describe('probabilityBetter (beta-binomial, Beta(1, 1) prior unless given)', () => {
  it('is ½ when nothing or the same tells them apart', () => {
    expect(probabilityBetter(0, 0, 0, 0)).toBe(0.5);
    expect(probabilityBetter(7, 12, 7, 12)).toBe(0.5);
    expect(probabilityBetter(3, 9, 3, 9, { alpha: 0.5, beta: 0.5 })).toBe(0.5);
  });

  it('matches hand-computed cases', () => {
    // 2 of 2 against 38 of 100: Beta(3, 1) has CDF x³, so P(pA > pB) = 1 − E[pB³] with pB ~
    // Beta(39, 63): 1 − (39·40·41)/(102·103·104).
    expect(probabilityBetter(2, 2, 38, 100)).toBeCloseTo(1 - (39 * 40 * 41) / (102 * 103 * 104), 12);
    expect(probabilityBetter(2, 2, 38, 100)).toBeCloseTo(0.941462, 6);
    // 1 of 1 against 0 of 0: P(Beta(2, 1) > U) = E[X] = 2/3.
    expect(probabilityBetter(1, 1, 0, 0)).toBeCloseTo(2 / 3, 12);
    // 0 of 1 against 0 of 0: P(Beta(1, 2) > U) = E[X] = 1/3.
    expect(probabilityBetter(0, 1, 0, 0)).toBeCloseTo(1 / 3, 12);
    // Mirror cases add up to one.
    expect(probabilityBetter(5, 8, 3, 8) + probabilityBetter(3, 8, 5, 8)).toBeCloseTo(1, 12);
    expect(probabilityBetter(4, 10, 6, 10)).toBeCloseTo(1 - probabilityBetter(6, 10, 4, 10), 12);
  });

  it('agrees with a numerical integration over the densities', () => {
    const cases: [number, number, number, number][] = [
      [12, 19, 38, 100],
      [3, 10, 4, 10],
      [0, 5, 2, 7],
      [9, 9, 40, 60],
      [25, 60, 130, 300],
      [1, 2, 0, 3],
    ];
    for (const [s1, n1, s2, n2] of cases) {
      const exact = probabilityBetter(s1, n1, s2, n2);
      expect(exact).toBeCloseTo(integrated(1 + s1, 1 + n1 - s1, 1 + s2, 1 + n2 - s2), 6);
    }
    // A prior whose shapes are not whole numbers goes through the library's own integration.
    const prior = { alpha: 1.5, beta: 2.5 };
    for (const [s1, n1, s2, n2] of [
      [4, 9, 2, 11],
      [12, 19, 38, 100],
    ] as const) {
      const p = probabilityBetter(s1, n1, s2, n2, prior);
      expect(p).toBeCloseTo(integrated(1.5 + s1, 2.5 + n1 - s1, 1.5 + s2, 2.5 + n2 - s2), 5);
    }
    // Only one whole shape: the exact sum is taken on that side.
    const mixed = { alpha: 2, beta: 0.5 };
    expect(probabilityBetter(3, 7, 5, 9, mixed)).toBeCloseTo(integrated(5, 4.5, 7, 4.5), 6);
  });

  it('stays exact and quick for thousands of deals', () => {
    const started = performance.now();
    const p = probabilityBetter(2010, 3000, 6000, 10_000);
    expect(performance.now() - started).toBeLessThan(50);
    // 67 % against 60 %: a gap of ~10 standard errors.
    expect(p).toBeGreaterThan(0.999_999);
    expect(p).toBeLessThanOrEqual(1);
    expect(probabilityBetter(6000, 10_000, 2010, 3000)).toBeLessThan(1e-6);
  });

  it('refuses impossible counts or priors', () => {
    expect(() => probabilityBetter(3, 2, 0, 0)).toThrow(RangeError);
    expect(() => probabilityBetter(1, 2, 1.5, 3)).toThrow(RangeError);
    expect(() => probabilityBetter(1, 2, 1, 3, { alpha: 0, beta: 1 })).toThrow(RangeError);
  });

  const counts = fc
    .tuple(fc.nat({ max: 60 }), fc.nat({ max: 60 }))
    .map(([a, b]) => ({ successes: Math.min(a, b), trials: Math.max(a, b) }));

  it('is a probability, and P(A > B) + P(B > A) = 1', () => {
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        const ab = probabilityBetter(a.successes, a.trials, b.successes, b.trials);
        const ba = probabilityBetter(b.successes, b.trials, a.successes, a.trials);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(ab + ba).toBeCloseTo(1, 9);
      }),
    );
  });

  it("rises with A's successes (same trials)", () => {
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        fc.pre(a.successes < a.trials);
        const before = probabilityBetter(a.successes, a.trials, b.successes, b.trials);
        const after = probabilityBetter(a.successes + 1, a.trials, b.successes, b.trials);
        expect(after).toBeGreaterThan(before - 1e-12);
      }),
    );
  });
});
