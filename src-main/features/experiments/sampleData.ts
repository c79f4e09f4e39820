import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SampleContext, SampleText } from '../../kernel/sampleContext';
import { addDays, localIsoDate } from '../../shared/dates';
import { concludeExperiment, createExperiment } from './service';

/** The experiments' words, in each language the sample speaks. */
const WORDS = {
  demoHypothesis: {
    en: "A demo built on the prospect's own data wins more often than the standard one",
    it: 'Una demo costruita sui dati del cliente vince più spesso di quella standard',
  },
  demoLearned: {
    en: 'Worth the hour of preparation on the bigger deals; the small ones close anyway.',
    it: 'Vale l’ora di preparazione sulle trattative più grandi; quelle piccole si chiudono comunque.',
  },
  demoNextTime: {
    en: 'Ask for a sample of their data on the first call.',
    it: 'Chiedere un campione dei loro dati già alla prima telefonata.',
  },
  trialHypothesis: {
    en: 'Offering the trial only after a call about their needs converts better',
    it: 'Offrire la prova solo dopo una telefonata sulle esigenze porta più contratti',
  },
} satisfies Record<string, SampleText>;

/**
 * Two experiments on the sample techniques: a finished one, concluded in a journal entry (a
 * tailored demo for three months, ending three months before the sample's last day), and one
 * still running (the free trial, for four weeks from a fortnight ago). Draws nothing from the
 * random stream, so the rows before it stay as they were. Skipped when the catalogue lacks
 * either technique (the seller's own catalogue may have renamed them).
 */
export async function generateSampleExperiments(
  db: Kysely<DB>,
  ctx: SampleContext,
  catalog: { techniques: readonly { id: number; name: string }[] },
): Promise<void> {
  const byName = (text: SampleText) => catalog.techniques.find((t) => t.name === ctx.say(text));
  const demo = byName({ en: 'Tailored demo', it: 'Demo personalizzata' });
  const trial = byName({ en: 'Free trial', it: 'Prova gratuita' });
  if (!demo || !trial) return;
  const today = localIsoDate(ctx.now);
  const earliest = (day: string): string => (day < today ? day : today);
  const at = (day: string): Date => {
    const d = new Date(`${day}T12:00:00.000Z`);
    return d < ctx.now ? d : ctx.now;
  };

  const start = addDays(ctx.endDate, -180);
  const stop = addDays(ctx.endDate, -90);
  const finished = await createExperiment(
    db,
    {
      techniqueId: demo.id,
      hypothesis: ctx.say(WORDS.demoHypothesis),
      startedOn: start,
      stop: { kind: 'date', on: stop },
      segment: null,
    },
    at(start),
  );
  const endedOn = earliest(addDays(stop, 3));
  // A sample set far in the future has not reached its end yet: the experiment stays open.
  if (endedOn >= start)
    await concludeExperiment(
      db,
      {
        id: finished.id,
        outcome: 'worked',
        learned: ctx.say(WORDS.demoLearned),
        nextTime: ctx.say(WORDS.demoNextTime),
        endedOn,
      },
      at(endedOn),
      ctx.language,
    );

  const since = addDays(ctx.endDate, -14);
  await createExperiment(
    db,
    {
      techniqueId: trial.id,
      hypothesis: ctx.say(WORDS.trialHypothesis),
      startedOn: since,
      stop: { kind: 'date', on: addDays(since, 27) },
      segment: null,
    },
    at(since),
  );
}
