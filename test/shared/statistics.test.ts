import { describe, expect, it } from 'vitest';
import {
  betaPosterior,
  betaQuantile,
  median,
  normalQuantile,
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
