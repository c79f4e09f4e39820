/**
 * How sure a success rate is (won / decided, on time / due…): the Wilson score interval, and
 * the Beta posterior of the rate (the beta-binomial model) with its mean and an equal-tailed
 * credible interval. Both stay inside 0–1 and behave at 0 or n successes, where the textbook
 * p ± z·√(p(1−p)/n) collapses to a point.
 */

export interface Interval {
  low: number;
  high: number;
}

export interface RatePosterior extends Interval {
  /** The posterior mean (α + successes) / (α + β + trials). */
  mean: number;
}

function checkCounts(successes: number, trials: number): void {
  if (!(Number.isInteger(successes) && Number.isInteger(trials) && successes >= 0 && successes <= trials))
    throw new RangeError(`Need whole counts with 0 ≤ successes ≤ trials, not ${successes} of ${trials}.`);
}

function checkLevel(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`A level is between 0 and 1, not ${confidence}.`);
}

/**
 * The standard normal quantile (inverse CDF) by Acklam's rational approximation, relative
 * error below 1.2e-9: plenty for interval bounds shown to a few places.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`A probability is between 0 and 1, not ${p}.`);
  }
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * The Wilson score interval of a proportion at `confidence` (two-sided), or null without
 * trials. E.g. 8 of 10 at 95 %: 0.490–0.943.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval | null {
  checkCounts(successes, trials);
  checkLevel(confidence);
  if (trials === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const p = successes / trials;
  const scale = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / scale;
  const half = (z / scale) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 or n successes the bound is exactly 0 or 1 (the rounding around it is no figure).
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms; about 15 significant digits). */
function logGamma(x: number): number {
  const g = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = g[0]!;
  for (let i = 1; i < 9; i++) sum += g[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta (modified Lentz), converging for x < (a+1)/(a+b+2). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + even * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + even / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + odd * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + odd / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta I_x(a, b): the CDF at x of a Beta(a, b) variable. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`Beta parameters must be positive, not ${a} and ${b}.`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The fraction converges fast on one side of the mean; the other side comes by symmetry.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/**
 * The Beta(a, b) quantile: the x with I_x(a, b) = p, by bisection (the CDF is monotone, so it
 * cannot fail to converge; 1e-12 in about 40 steps).
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A probability is between 0 and 1, not ${p}.`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The beta-binomial view of a rate: with a Beta(α, β) prior (default 1, 1: uniform) and
 * `successes` of `trials`, the rate's posterior is Beta(α + successes, β + failures). Returns
 * its mean and the equal-tailed credible interval holding `confidence` of it.
 */
export function betaPosterior(
  successes: number,
  trials: number,
  prior: { alpha: number; beta: number } = { alpha: 1, beta: 1 },
  confidence = 0.95,
): RatePosterior {
  checkCounts(successes, trials);
  checkLevel(confidence);
  const a = prior.alpha + successes;
  const b = prior.beta + trials - successes;
  if (!(prior.alpha > 0 && prior.beta > 0))
    throw new RangeError(`Prior parameters must be positive, not ${prior.alpha} and ${prior.beta}.`);
  const tail = (1 - confidence) / 2;
  return { mean: a / (a + b), low: betaQuantile(tail, a, b), high: betaQuantile(1 - tail, a, b) };
}

/** ln B(a, b). */
function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * P(X > Y) for independent X ~ Beta(a1, b1), Y ~ Beta(a2, b2), exactly, when `a1` is a whole
 * number: Evan Miller's finite sum
 *   Σ_{i=0}^{a1−1} B(a2 + i, b1 + b2) / ((b1 + i) · B(1 + i, b1) · B(a2, b2)),
 * which rests on 1 − I_y(a1, b1) being a finite sum in y when a1 is whole (b1 may be any).
 * The first term from ln Γ, each next one by its ratio (a2 + i)(b1 + i) / ((a2 + b1 + b2 + i)(1 + i)).
 * Terms can be far below the smallest double before they matter, so the running term is kept
 * as a logarithm, brought back to a double once per RUN terms: within a run the ratios multiply
 * in plain doubles (RUN of them stay far from overflow), one exp and one log per run instead of
 * per term — at tens of thousands of terms (a technique used thousands of times) that is most of
 * the cost.
 */
function betaGreaterExact(a1: number, b1: number, a2: number, b2: number): number {
  const RUN = 16;
  let logTerm = logBeta(a2, b1 + b2) - Math.log(b1) - logBeta(1, b1) - logBeta(a2, b2);
  let sum = 0;
  for (let i = 0; i < a1;) {
    const first = Math.exp(logTerm);
    let product = 1;
    for (const end = Math.min(a1, i + RUN); i < end; i++) {
      sum += first * product;
      product *= ((a2 + i) * (b1 + i)) / ((a2 + b1 + b2 + i) * (1 + i));
    }
    logTerm += Math.log(product);
  }
  return sum;
}

/**
 * P(X > Y) by integrating over X's own probability scale: with u = I_x(a1, b1) the integral
 * ∫ f_X(x) I_x(a2, b2) dx becomes ∫₀¹ I_{Q_X(u)}(a2, b2) du, whose integrand is bounded and
 * monotone whatever the parameters (a density below 1 is unbounded at an edge). Its slope can
 * still be unbounded at the ends, so u = (1 − cos πt)/2 spreads the points there before a
 * composite Simpson on 1024 steps. Only for shapes of which neither is whole (non-integer
 * priors); good to about 1e-7.
 */
function betaGreaterIntegrated(a1: number, b1: number, a2: number, b2: number): number {
  const steps = 1024;
  const f = (t: number): number => {
    const u = (1 - Math.cos(Math.PI * t)) / 2;
    return regularizedBeta(betaQuantile(u, a1, b1), a2, b2) * (Math.PI / 2) * Math.sin(Math.PI * t);
  };
  let sum = f(0) + f(1);
  for (let k = 1; k < steps; k++) sum += (k % 2 === 1 ? 4 : 2) * f(k / steps);
  return sum / (3 * steps);
}

/**
 * The probability that A's rate beats B's, P(pA > pB), when each rate has the Beta posterior
 * of its counts under `prior` (the beta-binomial model; default Beta(1, 1), uniform): pA ~
 * Beta(α + aSuccesses, β + aFailures), pB likewise. Exact for whole posterior parameters (the
 * finite sum over whichever whole shape is shorter, directly or as 1 − P(pB > pA)), numerical
 * integration otherwise. 0/0 against 0/0 is ½: nothing tells them apart.
 */
export function probabilityBetter(
  aSuccesses: number,
  aTrials: number,
  bSuccesses: number,
  bTrials: number,
  prior: { alpha: number; beta: number } = { alpha: 1, beta: 1 },
): number {
  checkCounts(aSuccesses, aTrials);
  checkCounts(bSuccesses, bTrials);
  if (!(prior.alpha > 0 && prior.beta > 0 && Number.isFinite(prior.alpha) && Number.isFinite(prior.beta)))
    throw new RangeError(`Prior parameters must be positive, not ${prior.alpha} and ${prior.beta}.`);
  const [a1, b1] = [prior.alpha + aSuccesses, prior.beta + aTrials - aSuccesses];
  const [a2, b2] = [prior.alpha + bSuccesses, prior.beta + bTrials - bSuccesses];
  if (a1 === a2 && b1 === b2) return 0.5;
  const direct = Number.isInteger(a1) ? a1 : Infinity;
  const swapped = Number.isInteger(a2) ? a2 : Infinity;
  let p: number;
  if (direct === Infinity && swapped === Infinity) p = betaGreaterIntegrated(a1, b1, a2, b2);
  else if (direct <= swapped) p = betaGreaterExact(a1, b1, a2, b2);
  else p = 1 - betaGreaterExact(a2, b2, a1, b1);
  return Math.min(1, Math.max(0, p));
}
