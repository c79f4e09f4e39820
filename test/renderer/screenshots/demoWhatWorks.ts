import type { Output, ParsedInput } from '../../../src-main/shared/api';
import { addDays, daysBetween } from '../../../src-main/shared/dates';
import { median, regularizedBeta, wilsonInterval } from '../../../src-main/shared/statistics';
import type { Customer } from '../../../src-main/features/customers/contract';
import type { Experiment, ExperimentResult } from '../../../src-main/features/experiments/contract';
import type { Technique, TechniqueStats } from '../../../src-main/features/techniques/contract';
import type { Sale } from '../../../src-main/features/sales/contract';
import type { Settings } from '../../../src-main/features/settings/contract';
import type { FakeHandlers } from '../fakeApi';

/*
 * The demo book's What works figures and experiments (its techniques are demoJournal's), worked out from the demo
 * sales the way the backend does (techniques/whatWorks.ts): Wilson intervals, a Beta(1, 1)
 * prior, ten closed deals with a technique and ten without before it is ranked. For the
 * screenshots only; the renderer tests use small hand-made fixtures.
 */

/** How often a won, lost or open sale names each technique: some help, some do not. */
const WEIGHTS: Record<Sale['status'], number[]> = {
  won: [0.3, 0.12, 0.22, 0.24, 0.015, 0.05, 0.055],
  lost: [0.14, 0.3, 0.2, 0.24, 0.015, 0.05, 0.055],
  open: [0.2, 0.2, 0.2, 0.2, 0.02, 0.1, 0.08],
};
/** Feel-felt-found (6) is new: only sales opened from this day name it. */
const NEW_FROM = '2025-09-15';
/** Cold fax (7) is retired: only sales opened before this day name it. */
const RETIRED_FROM = '2024-10-01';

/**
 * Gives the demo sales that name a technique one by these weights (and some a second one),
 * from a PRNG of its own, so the sales' other fields stay as the main demo draws them.
 */
export function assignTechniques(sales: Sale[], techniques: Technique[], random: () => number): void {
  for (const sale of sales) {
    if (sale.techniques.length === 0) continue;
    const weights = WEIGHTS[sale.status].map((w, i) =>
      (i === 5 && sale.openedOn < NEW_FROM) || (i === 6 && sale.openedOn >= RETIRED_FROM) ? 0 : w,
    );
    const draw = (): Technique => {
      let roll = random() * weights.reduce((a, b) => a + b, 0);
      const index = weights.findIndex((w) => (roll -= w) < 0);
      return techniques[index === -1 ? 0 : index]!;
    };
    const first = draw();
    const second = random() < 0.14 ? draw() : first;
    sale.techniques = second.id === first.id ? [first] : [first, second];
  }
}

/** P(rate with > rate without) for Beta posteriors, by numerical integration. */
function probBetter(won: number, used: number, baseWon: number, baseUsed: number): number {
  const steps = 800;
  let p = 0;
  let previous = 0;
  for (let k = 1; k <= steps; k++) {
    const x = k / steps;
    const cdf = regularizedBeta(x, 1 + won, 1 + used - won);
    p += (cdf - previous) * regularizedBeta(x - 0.5 / steps, 1 + baseWon, 1 + baseUsed - baseWon);
    previous = cdf;
  }
  return p;
}

const MINIMUM = { withIt: 10, without: 10 };
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function rate(won: number, used: number): { winRate: number | null; interval: { low: number; high: number } | null } {
  const interval = wilsonInterval(won, used);
  return {
    winRate: used === 0 ? null : round4(won / used),
    interval: interval && { low: round4(interval.low), high: round4(interval.high) },
  };
}

export function whatWorksDemoHandlers({
  sales,
  customers,
  techniques,
  language,
}: {
  sales: Sale[];
  customers: Customer[];
  techniques: Technique[];
  language: Settings['language'];
}): FakeHandlers {
  const customerOf = new Map(customers.map((c) => [c.id, c]));
  const inFilter = (sale: Sale, q: ParsedInput<'techniques.stats'>): boolean => {
    const customer = customerOf.get(sale.customerId);
    return (
      (!q.segment || customer?.segment === q.segment) &&
      (!q.industry || customer?.industry === q.industry) &&
      (!q.productId || sale.productId === q.productId)
    );
  };
  const closedIn = (q: ParsedInput<'techniques.stats'>): Sale[] =>
    sales.filter(
      (s) => s.status !== 'open' && s.closedOn !== null && s.closedOn >= q.from && s.closedOn <= q.to && inFilter(s, q),
    );
  const names = (sale: Sale, id: number): boolean => sale.techniques.some((t) => t.id === id);

  const stats = (q: ParsedInput<'techniques.stats'>): Output<'techniques.stats'> => {
    const closed = closedIn(q);
    const open = sales.filter(
      (s) => s.status === 'open' && s.openedOn >= q.from && s.openedOn <= q.to && inFilter(s, q),
    );
    const rows: TechniqueStats[] = techniques.map((technique) => {
      const withIt = closed.filter((s) => names(s, technique.id));
      const without = closed.filter((s) => !names(s, technique.id));
      const won = withIt.filter((s) => s.status === 'won');
      const baseWon = without.filter((s) => s.status === 'won').length;
      const mine = rate(won.length, withIt.length);
      const base = rate(baseWon, without.length);
      const rated = won.filter((s) => s.satisfaction !== null).map((s) => s.satisfaction!);
      const scores = won.filter((s) => s.nps !== null).map((s) => s.nps!);
      const enoughData = withIt.length >= MINIMUM.withIt && without.length >= MINIMUM.without;
      return {
        techniqueId: technique.id,
        technique: technique.name,
        category: technique.category,
        retired: technique.retired,
        used: withIt.length,
        won: won.length,
        lost: withIt.length - won.length,
        open: open.filter((s) => names(s, technique.id)).length,
        winRate: mine.winRate,
        interval: mine.interval,
        baselineUsed: without.length,
        baselineWon: baseWon,
        baselineWinRate: base.winRate,
        difference: mine.winRate === null || base.winRate === null ? null : round4(mine.winRate - base.winRate),
        probBetter:
          withIt.length === 0 || without.length === 0
            ? null
            : round4(probBetter(won.length, withIt.length, baseWon, without.length)),
        avgWonMinor: won.length ? Math.round(won.reduce((sum, s) => sum + s.amountMinor, 0) / won.length) : null,
        avgSatisfaction: rated.length ? round4(rated.reduce((a, b) => a + b, 0) / rated.length) : null,
        nps: scores.length
          ? Math.round(
              ((scores.filter((n) => n >= 9).length - scores.filter((n) => n <= 6).length) / scores.length) * 100,
            )
          : null,
        medianDaysToClose: withIt.length ? median(withIt.map((s) => daysBetween(s.openedOn, s.closedOn!))) : null,
        enoughData,
        closedNeeded: Math.max(0, MINIMUM.withIt - withIt.length) + Math.max(0, MINIMUM.without - without.length),
      };
    });
    const ranked = rows
      .filter((r) => r.enoughData)
      .sort((a, b) => (b.probBetter ?? 0) - (a.probBetter ?? 0) || (b.interval?.low ?? 0) - (a.interval?.low ?? 0));
    const rest = rows.filter((r) => !r.enoughData).sort((a, b) => a.technique.localeCompare(b.technique));
    return {
      from: q.from,
      to: q.to,
      currency: 'EUR',
      minimum: MINIMUM,
      prior: { alpha: 1, beta: 1 },
      closed: closed.length,
      multiTechnique: closed.filter((s) => s.techniques.length > 1).length,
      rows: [...ranked, ...rest],
    };
  };

  const segments = (q: ParsedInput<'techniques.segments'>): Output<'techniques.segments'> => {
    const closed = closedIn(q);
    const all = [...new Set(closed.map((s) => customerOf.get(s.customerId)?.segment ?? null))]
      .filter((s): s is string => s !== null)
      .sort();
    return {
      segments: all,
      cells: all.flatMap((segment) =>
        techniques.map((technique) => {
          const deals = closed.filter(
            (s) => customerOf.get(s.customerId)?.segment === segment && names(s, technique.id),
          );
          const won = deals.filter((s) => s.status === 'won').length;
          return { segment, techniqueId: technique.id, used: deals.length, won, ...rate(won, deals.length) };
        }),
      ),
    };
  };

  const usage = (q: ParsedInput<'techniques.usage'>): Output<'techniques.usage'> => {
    const months: string[] = [];
    for (
      let day = `${q.from.slice(0, 7)}-01`;
      day <= q.to;
      day = addDays(`${day.slice(0, 7)}-28`, 5).slice(0, 7) + '-01'
    )
      months.push(day.slice(0, 7));
    const opened = sales.filter((s) => s.openedOn >= q.from && s.openedOn <= q.to && inFilter(s, q));
    return {
      months,
      series: techniques.map((technique) => ({
        techniqueId: technique.id,
        technique: technique.name,
        counts: months.map(
          (month) => opened.filter((s) => s.openedOn.startsWith(month) && names(s, technique.id)).length,
        ),
      })),
    };
  };

  return {
    'techniques.stats': stats,
    'techniques.segments': segments,
    'techniques.usage': usage,
    // An empty book has no techniques, so no experiments either.
    ...(techniques.length > 0 ? experimentsDemo(techniques, language) : { 'experiments.list': () => [] }),
  };
}

// ---- experiments -------------------------------------------------------------------------------

const HYPOTHESES: Record<Settings['language'], string[]> = {
  en: [
    'Feel-felt-found will turn more price objections into wins than arguing the price.',
    'Two short customer stories in the first meeting win more SMB deals.',
    'A trial close before the proposal shortens the negotiation.',
    'Opening with SPIN questions wins more first meetings with mid-market customers.',
  ],
  it: [
    'Feel-felt-found trasformerà più obiezioni sul prezzo in vendite che discutere il prezzo.',
    'Due brevi storie di clienti nel primo incontro fanno vincere più trattative SMB.',
    'Una chiusura di prova prima della proposta accorcia la trattativa.',
    'Aprire con le domande SPIN fa vincere più primi incontri con i clienti mid-market.',
  ],
};

function result(won: number, used: number, baseWon: number, baseUsed: number, open: number): ExperimentResult {
  const mine = rate(won, used);
  const base = rate(baseWon, baseUsed);
  return {
    used,
    won,
    open,
    ...mine,
    baselineUsed: baseUsed,
    baselineWon: baseWon,
    baselineWinRate: base.winRate,
    probBetter: used && baseUsed ? round4(probBetter(won, used, baseWon, baseUsed)) : null,
    enoughData: used >= MINIMUM.withIt && baseUsed >= MINIMUM.without,
  };
}

/** Four experiments on the demo clock (end of November 2025): two running, one to conclude, one concluded. */
function experimentsDemo(techniques: Technique[], language: Settings['language']): FakeHandlers {
  const ref = (id: number): Experiment['technique'] => {
    // An empty book (the empty-state scenes) has no techniques: its experiments go below.
    const t = techniques.find((x) => x.id === id) ?? { id, name: '', description: null };
    return { id: t.id, name: t.name, description: t.description };
  };
  const hypotheses = HYPOTHESES[language];
  let nextId = 5;
  let nextEntry = 41;
  const experiments: Experiment[] = [
    {
      id: 4,
      technique: ref(6),
      hypothesis: hypotheses[0]!,
      startedOn: '2025-10-01',
      stop: { kind: 'deals', deals: 10 },
      segment: null,
      status: 'running',
      through: '2025-11-28',
      progress: { deals: 6, target: 10, daysLeft: null, fraction: 0.6 },
      result: result(4, 6, 21, 41, 3),
      endedOn: null,
      conclusionEntryId: null,
    },
    {
      id: 3,
      technique: ref(3),
      hypothesis: hypotheses[1]!,
      startedOn: '2025-11-03',
      stop: { kind: 'date', on: '2025-12-10' },
      segment: 'SMB',
      status: 'running',
      through: '2025-11-28',
      progress: { deals: 3, target: null, daysLeft: 12, fraction: 0.68 },
      result: result(2, 3, 9, 16, 2),
      endedOn: null,
      conclusionEntryId: null,
    },
    {
      id: 2,
      technique: ref(2),
      hypothesis: hypotheses[2]!,
      startedOn: '2025-08-04',
      stop: { kind: 'deals', deals: 12 },
      segment: null,
      status: 'complete',
      through: '2025-11-14',
      progress: { deals: 12, target: 12, daysLeft: null, fraction: 1 },
      result: result(5, 12, 58, 101, 1),
      endedOn: null,
      conclusionEntryId: null,
    },
    {
      id: 1,
      technique: ref(1),
      hypothesis: hypotheses[3]!,
      startedOn: '2025-03-03',
      stop: { kind: 'date', on: '2025-06-30' },
      segment: 'Mid-market',
      status: 'concluded',
      through: '2025-06-30',
      progress: { deals: 17, target: null, daysLeft: 0, fraction: 1 },
      result: result(12, 17, 19, 44, 0),
      endedOn: '2025-06-30',
      conclusionEntryId: 40,
    },
  ];
  if (techniques.length === 0) experiments.length = 0;
  const find = (id: number): Experiment => {
    const found = experiments.find((e) => e.id === id);
    if (!found) throw new Error(`no experiment ${id}`);
    return found;
  };
  return {
    'experiments.list': () => experiments,
    'experiments.get': ({ id }) => find(id),
    'experiments.create': (input) => {
      const created: Experiment = {
        id: nextId++,
        technique: ref(input.techniqueId),
        hypothesis: input.hypothesis,
        startedOn: input.startedOn,
        stop: input.stop,
        segment: input.segment ?? null,
        status: 'running',
        through: input.startedOn,
        progress: {
          deals: 0,
          target: input.stop.kind === 'deals' ? input.stop.deals : null,
          daysLeft: input.stop.kind === 'date' ? Math.max(0, daysBetween(input.startedOn, input.stop.on)) : null,
          fraction: 0,
        },
        result: result(0, 0, 0, 0, 0),
        endedOn: null,
        conclusionEntryId: null,
      };
      experiments.unshift(created);
      return created;
    },
    'experiments.conclude': ({ id, endedOn }) => {
      const experiment = find(id);
      Object.assign(experiment, { status: 'concluded', endedOn, conclusionEntryId: nextEntry });
      return { experiment, entryId: nextEntry++ };
    },
    'experiments.delete': ({ id }) => {
      experiments.splice(experiments.indexOf(find(id)), 1);
      return { id };
    },
  };
}
