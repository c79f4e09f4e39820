import type { Command } from 'commander';
import { TECHNIQUE_CATEGORIES } from './choices';
import type { Technique } from './contract';
import { call, globals, invalidInput, type App } from '../../kernel/cli/context';
import { orDash, table } from '../../kernel/cli/format';
import { toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import type { Handlers } from '../../kernel/handlers';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const TECHNIQUE_JSON =
  '{id, name, category, description, steps, source, retired, starter, sales, entries, merged_from}';

const ADD_OPTIONS: OptionNames = {
  name: '--name',
  category: '--category',
  description: '--description',
  steps: '--step',
  source: '--source',
};

/** The technique of this name (case-insensitively), or a refusal naming the argument. */
async function byName(handlers: Handlers, name: string, arg: string, options: OptionNames): Promise<Technique> {
  const wanted = name.trim().toLowerCase();
  const found = (await handlers['techniques.list'](undefined)).find((t) => t.name.toLowerCase() === wanted);
  if (!found)
    throw invalidInput(
      [{ path: arg, message: 'techniques.cli.unknownName', values: { name: name.trim() } }],
      options,
      'techniques.cli.nothingChanged',
    );
  return found;
}

/** A technique's editable fields as they are, to change one of them. */
const fieldsOf = (t: Technique) => ({
  name: t.name,
  category: t.category,
  description: t.description,
  steps: t.steps,
  source: t.source,
});

export function registerTechniques(program: Command, app: App): void {
  const techniques = program
    .command('techniques')
    .description('the catalogue of sales techniques your sales and journal entries name');

  techniques
    .command('list')
    .description('every technique by name, with the sales and journal entries that name it')
    .addHelpText(
      'after',
      `\nWith --json, a list of\n  ${TECHNIQUE_JSON}.\n\nExample:\n  rapport techniques list --json`,
    )
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command);
      const list = await app.session(g, ({ handlers }) => handlers['techniques.list'](undefined));
      if (g.json) return app.print(toJson(list));
      const { t } = app;
      if (list.length === 0) return app.print(t('techniques.cli.none'));
      app.print(
        table(list, [
          { header: t('techniques.cli.head.id'), value: (x) => String(x.id), align: 'right' },
          { header: t('techniques.cli.head.name'), value: (x) => x.name, max: 36 },
          { header: t('techniques.cli.head.category'), value: (x) => x.category },
          { header: t('techniques.cli.head.sales'), value: (x) => String(x.sales), align: 'right' },
          { header: t('techniques.cli.head.entries'), value: (x) => String(x.entries), align: 'right' },
          {
            header: t('techniques.cli.head.status'),
            value: (x) => t(x.retired ? 'techniques.cli.retired' : 'techniques.cli.active'),
          },
          { header: t('techniques.cli.head.mergedFrom'), value: (x) => orDash(x.mergedFrom.join(', ')), max: 40 },
        ]),
      );
      app.print(`\n${t('techniques.cli.total', { count: list.length })}`);
    });

  techniques
    .command('add')
    .description('add a technique to the catalogue')
    .requiredOption('--name <name>', 'what you call it (unique, whatever the case)')
    .option('--category <category>', `one of ${TECHNIQUE_CATEGORIES.join(', ')} (default: other)`)
    .option('--description <text>', 'what it is, in a line')
    .option('--step <text>', 'how to do it, one step; repeat for several', collect)
    .option('--source <text>', 'where it came from: a book, a seminar, a colleague')
    .addHelpText(
      'after',
      `\nWith --json, the new technique as\n  ${TECHNIQUE_JSON}.\n\n` +
        'Example:\n  rapport techniques add --name "Feel-felt-found" --category objections \\\n' +
        '    --step "Say you understand" --step "Others felt the same" --step "Here is what they found"',
    )
    .action(
      async (
        options: { name: string; category?: string; description?: string; step?: string[]; source?: string },
        command: Command,
      ) => {
        const g = globals(command);
        const input = {
          name: options.name,
          category: options.category?.trim(),
          description: options.description ?? null,
          steps: options.step ?? [],
          source: options.source ?? null,
        };
        const created = await app.session(g, ({ handlers }) => call(handlers, 'techniques.create', input, ADD_OPTIONS));
        if (g.json) return app.print(toJson(created));
        app.print(app.t('techniques.cli.added', { id: created.id, name: created.name }));
      },
    );

  techniques
    .command('rename')
    .description('rename a technique; its sales and journal entries follow')
    .argument('<name>', 'its name now')
    .argument('<new-name>', 'the name it gets')
    .addHelpText('after', '\nExample:\n  rapport techniques rename "Spin" "SPIN questions"')
    .action(async (name: string, newName: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const options: OptionNames = { current: 'NAME', name: 'NEW-NAME' };
      const renamed = await app.session(g, async ({ handlers }) => {
        const technique = await byName(handlers, name, 'current', options);
        return call(
          handlers,
          'techniques.update',
          { ...fieldsOf(technique), id: technique.id, name: newName },
          options,
        );
      });
      if (g.json) return app.print(toJson(renamed));
      app.print(app.t('techniques.cli.renamed', { from: name.trim(), to: renamed.name }));
    });

  techniques
    .command('retire')
    .description('retire a technique: it stays on old sales and entries, new ones no longer offer it')
    .argument('<name>', 'the technique')
    .option('--undo', 'make it active again')
    .addHelpText('after', '\nExample:\n  rapport techniques retire "Discount close"')
    .action(async (name: string, options: { undo?: boolean }, command: Command) => {
      const g = globals(command);
      const names: OptionNames = { current: 'NAME' };
      const changed = await app.session(g, async ({ handlers }) => {
        const technique = await byName(handlers, name, 'current', names);
        return call(handlers, 'techniques.retire', { id: technique.id, retired: !options.undo }, names);
      });
      if (g.json) return app.print(toJson(changed));
      app.print(
        app.t(changed.retired ? 'techniques.cli.retiredDone' : 'techniques.cli.activeAgain', { name: changed.name }),
      );
    });

  techniques
    .command('merge')
    .description('merge one technique into another: its sales and journal entries move, the merge is recorded')
    .argument('<from>', 'the technique that goes')
    .argument('<into>', 'the technique that stays')
    .addHelpText(
      'after',
      '\nWith --json, {survivor, sales_moved, entries_moved}.\n\n' +
        'Example:\n  rapport techniques merge "Spin selling" "SPIN questions"',
    )
    .action(async (from: string, into: string, _options: unknown, command: Command) => {
      const g = globals(command);
      const names: OptionNames = { from: 'FROM', into: 'INTO' };
      const result = await app.session(g, async ({ handlers }) => {
        const merged = await byName(handlers, from, 'from', names);
        const survivor = await byName(handlers, into, 'into', names);
        return call(handlers, 'techniques.merge', { from: merged.id, into: survivor.id }, names);
      });
      if (g.json) return app.print(toJson(result));
      app.print(
        app.t('techniques.cli.merged', {
          from: from.trim(),
          into: result.survivor.name,
          sales: result.salesMoved,
          entries: result.entriesMoved,
        }),
      );
    });
}

/** `rapport techniques stats`, declared beside the rest of the group's commands for cli/program.ts. */
export { registerTechniqueStats } from './whatWorksCli';
