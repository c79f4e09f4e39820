import type { Command } from 'commander';
import type { TrainingNote, TrainingNoteInput } from './contract';
import type { FieldIssue } from '../../shared/api';
import { AppError } from '../../kernel/errors';
import { call, CliInputError, globals, invalidInput, wholeNumber, type App } from '../../kernel/cli/context';
import { table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import { localIsoDate } from '../../shared/dates';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const NOTE_JSON =
  '{id, subject, product {id, name}, name, features, benefits, pricing, who, cares_about,\n' +
  '  what_works, objections [{objection, answer}], body, updated_at}';

const SUBJECT_OPTIONS = '--product, --segment or --industry';
const ADD_OPTIONS: OptionNames = {
  subject: SUBJECT_OPTIONS,
  productId: '--product',
  name: SUBJECT_OPTIONS,
  features: '--features',
  benefits: '--benefits',
  pricing: '--pricing',
  who: '--who',
  caresAbout: '--cares-about',
  whatWorks: '--what-works',
  objections: '--objection',
  body: '--body',
};

interface AddOptions {
  product?: string;
  segment?: string;
  industry?: string;
  features?: string;
  benefits?: string;
  pricing?: string;
  who?: string;
  caresAbout?: string;
  whatWorks?: string;
  objection?: string[];
  body?: string;
}

/** "Too expensive=Compare by user": the objection, then its answer after the first `=` (none without one). */
export function parseObjection(raw: string): { objection: string; answer: string } | null {
  const at = raw.indexOf('=');
  const objection = (at < 0 ? raw : raw.slice(0, at)).trim();
  const answer = at < 0 ? '' : raw.slice(at + 1).trim();
  return objection === '' ? null : { objection, answer };
}

/**
 * The service's refusals in the command line's words: its `training.errors.*` keys are the
 * form's sentences; `training.cli.issues.*` completes "--option: …" as the other commands do.
 */
function inCliWords(error: unknown): unknown {
  if (!(error instanceof CliInputError)) return error;
  const issues = (error.issues ?? []).map((issue) => ({
    ...issue,
    message: issue.message.replace(/^training\.errors\./, 'training.cli.issues.'),
  }));
  return new CliInputError(error.message, issues, error.options, error.values);
}

/** What a note is about, in words: "product", "segment"… and its product's or group's name. */
const aboutOf = (note: TrainingNote): string => note.product?.name ?? note.name ?? '';

/** The day a note was last changed, in the seller's time zone. */
const updatedOn = (note: TrainingNote): string => localIsoDate(new Date(note.updatedAt));

export function registerTraining(program: Command, app: App): void {
  const training = program
    .command('training')
    .description('what you know about your products and your kinds of customers');

  training
    .command('list')
    .description('every training note: products first, then segments, then industries')
    .addHelpText('after', `\nWith --json, a list of\n  ${NOTE_JSON}.\n\nExample:\n  rapport training list --json`)
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command);
      const list = await app.session(g, ({ handlers }) => handlers['training.list'](undefined));
      if (g.json) return app.print(toJson(list));
      const { t } = app;
      if (list.length === 0) return app.print(t('training.cli.none'));
      app.print(
        table(list, [
          { header: t('training.cli.head.id'), value: (n) => String(n.id), align: 'right' },
          { header: t('training.cli.head.subject'), value: (n) => t(`training.cli.subjects.${n.subject}`) },
          { header: t('training.cli.head.about'), value: aboutOf, max: 36 },
          { header: t('training.cli.head.objections'), value: (n) => String(n.objections.length), align: 'right' },
          { header: t('training.cli.head.updated'), value: (n) => app.format.date(updatedOn(n)) },
        ]),
      );
      app.print(`\n${t('training.cli.total', { count: list.length })}`);
    });

  training
    .command('show')
    .description('one training note in full')
    .argument('<ID>', 'the note’s number (see "rapport training list")')
    .addHelpText('after', `\nWith --json, the note as\n  ${NOTE_JSON}.\n\nExample:\n  rapport training show 3`)
    .action(async (rawId: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const id = wholeNumber(rawId, 'id', issues);
      const options: OptionNames = { id: 'ID' };
      if (issues.length > 0) throw invalidInput(issues, options);
      const note = await app.session(g, ({ handlers }) => call(handlers, 'training.get', { id }, options));
      if (g.json) return app.print(toJson(note));
      app.print(describe(note, app));
    });

  training
    .command('add')
    .description('write what you know about a product, a customer segment or an industry')
    .option('--product <name>', 'a note on this product (by its name, whatever the case)')
    .option('--segment <name>', 'a note on the customers of this segment')
    .option('--industry <name>', 'a note on the customers of this industry')
    .option('--features <text>', 'a product: what it has and does')
    .option('--benefits <text>', 'a product: what the customer gains')
    .option('--pricing <text>', 'a product: prices, discounts, how to quote it')
    .option('--who <text>', 'a segment or industry: who they are')
    .option('--cares-about <text>', 'a segment or industry: what they care about')
    .option('--what-works <text>', 'a segment or industry: what works with them')
    .option(
      '--objection <objection=answer>',
      'an objection you hear and your answer, split at the first "="; repeat for several',
      collect,
    )
    .option('--body <text>', 'anything else, in Markdown')
    .addHelpText(
      'after',
      '\nGive exactly one of --product, --segment or --industry. There is one note per product and per\n' +
        'segment or industry: adding a second is refused, naming the note there is.\n' +
        `With --json, the new note as\n  ${NOTE_JSON}.\n\n` +
        'Examples:\n  rapport training add --product "Premium support" --benefits "Less downtime in busy season" \\\n' +
        '    --objection "We never needed support=Ask about the last outage and how long it took"\n' +
        '  rapport training add --industry Retail --cares-about "Seasons; staff turnover"',
    )
    .action(async (options: AddOptions, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const given = (['product', 'segment', 'industry'] as const).filter((s) => options[s] !== undefined);
      if (given.length !== 1)
        issues.push({ path: 'subject', message: 'training.cli.oneSubject', values: { given: given.length } });
      const objections = (options.objection ?? []).flatMap((raw) => {
        const parsed = parseObjection(raw);
        if (!parsed) issues.push({ path: 'objections', message: 'training.cli.objectionGot', values: { raw } });
        return parsed ? [parsed] : [];
      });
      if (issues.length > 0) throw invalidInput(issues, ADD_OPTIONS, 'training.cli.nothingWritten');
      const subject = given[0]!;
      // The name of a segment or industry is the value of the option that chose it.
      const names: OptionNames = { ...ADD_OPTIONS, name: `--${subject}` };

      const created = await app.session(g, async ({ handlers }) => {
        let productId: number | null = null;
        if (subject === 'product') {
          const wanted = options.product!.trim().toLowerCase();
          const found = (await handlers['products.list'](undefined)).find((p) => p.name.toLowerCase() === wanted);
          if (!found)
            throw invalidInput(
              [
                {
                  path: 'productId',
                  message: 'training.cli.unknownProduct',
                  values: { name: options.product!.trim() },
                },
              ],
              names,
              'training.cli.nothingWritten',
            );
          productId = found.id;
        }
        const input: TrainingNoteInput = {
          subject,
          productId,
          name: subject === 'product' ? null : (options[subject] ?? null),
          features: options.features,
          benefits: options.benefits,
          pricing: options.pricing,
          who: options.who,
          caresAbout: options.caresAbout,
          whatWorks: options.whatWorks,
          objections,
          body: options.body ?? '',
        };
        try {
          return await call(handlers, 'training.create', input, names);
        } catch (error) {
          // The headline names the note there is; the form's field pointer means nothing here.
          if (error instanceof AppError && error.code === 'conflict')
            throw new AppError('conflict', error.message, [], error.values);
          throw inCliWords(error);
        }
      });
      if (g.json) return app.print(toJson(created));
      app.print(
        app.t('training.cli.added', {
          id: created.id,
          subject: app.t(`training.cli.subjects.${created.subject}`),
          name: aboutOf(created),
        }),
      );
    });
}

/** A note in full, for `show`: its heading, then each part it has under its label. */
function describe(note: TrainingNote, app: App): string {
  const { t } = app;
  const indent = (text: string): string =>
    text
      .split('\n')
      .map((line) => (line.trim() === '' ? '' : `  ${line}`))
      .join('\n');
  const parts: string[] = [
    `${t('training.cli.heading', {
      id: note.id,
      subject: t(`training.cli.subjects.${note.subject}`),
      name: aboutOf(note),
    })}\n${t('training.cli.updatedOn', { date: app.format.date(updatedOn(note)) })}`,
  ];
  const fields = [
    ['features', note.features],
    ['benefits', note.benefits],
    ['pricing', note.pricing],
    ['who', note.who],
    ['caresAbout', note.caresAbout],
    ['whatWorks', note.whatWorks],
  ] as const;
  for (const [field, text] of fields) if (text) parts.push(`${t(`training.cli.fields.${field}`)}\n${indent(text)}`);
  if (note.objections.length > 0)
    parts.push(
      `${t('training.cli.fields.objections')}\n` +
        note.objections
          .map(({ objection, answer }) => `  • ${objection}` + (answer ? `\n${indent(`  → ${answer}`)}` : ''))
          .join('\n'),
    );
  if (note.body.trim()) parts.push(`${t('training.cli.fields.body')}\n${indent(note.body.trim())}`);
  return parts.join('\n\n');
}
