import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import type { FollowUp, FollowUpList } from './contract';
import { localIsoDate } from '../../shared/dates';
import { daysBetween } from './days';
import { call, globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { orDash, table } from '../../kernel/cli/format';
import { printJsonList, toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import type { App } from '../../kernel/cli/context';

const DUE = ['overdue', 'today', 'week', 'all'] as const;
type Due = (typeof DUE)[number];
/** Per bucket; the contract's ceiling. More than this in one bucket is reported on stderr. */
const MAX_PER_BUCKET = 2000;

const LIST_OPTIONS: OptionNames = { asOf: '--as-of' };
const DONE_OPTIONS: OptionNames = {
  id: 'ID',
  csat: '--csat',
  nps: '--nps',
  concern: '--concern',
  outcome: '--outcome',
  on: '--on',
};
const ICS_OPTIONS: OptionNames = { path: '--out', overwrite: '--force', asOf: '--as-of' };

/**
 * `--due` is cumulative, as a day's work is: overdue = due before the day; today = due by the
 * end of the day, overdue included; week = due within the next 7 days, overdue included;
 * all = everything scheduled.
 */
function dueBy(list: FollowUpList, due: Due): FollowUp[] {
  if (due === 'overdue') return list.overdue;
  if (due === 'today') return [...list.overdue, ...list.today];
  if (due === 'week') return [...list.overdue, ...list.today, ...list.week];
  return [...list.overdue, ...list.today, ...list.week, ...list.later];
}

/** The stable --json shape of a follow-up. */
const followUpJson = (i: FollowUp) => ({
  id: i.id,
  kind: i.kind,
  customer: i.customerName,
  sale_id: i.saleId,
  due_on: i.dueOn,
  status: i.status,
});

function why(i: FollowUp): string {
  switch (i.kind) {
    case 'check_in':
      return `day ${i.stepDays} after the sale${i.saleTitle ? ` "${i.saleTitle}"` : ''}`;
    case 'stay_in_touch':
      return `last contact ${i.lastContactOn} (${i.daysSinceContact} days; ideal ${i.idealDays}, max ${i.maxDays})`;
    case 'reorder':
      return `usually buys every ~${i.usualDays} days; it has been ${i.daysSincePurchase}`;
    case 'complaint':
      return `${i.severity} ${i.category} complaint open ${i.daysOpen} days`;
  }
}

export function registerCare(program: Command, app: App): void {
  const followups = program
    .command('followups')
    .description('what to do next with customers: check-ins, keeping in touch, reorders, complaints');

  followups
    .command('list')
    .description('follow-ups by due date, soonest first')
    .addOption(
      new Option('--due <when>', 'overdue, today (incl. overdue), week (next 7 days, incl. overdue) or all')
        .choices(DUE)
        .default('all'),
    )
    .option('--as-of <YYYY-MM-DD>', 'the day to look from (default: today)')
    .addHelpText(
      'after',
      '\nIds name the kind: c42 = check-in 42, s7 = stay in touch with customer 7, r7 = reorder by customer 7,\n' +
        'k3 = complaint 3. With --json, a list of {id, kind, customer, sale_id, due_on, status}.\n\n' +
        'Example:\n  rapport followups list --due today\n  rapport followups list --as-of 2026-06-30 --json',
    )
    .action(async (options: { due: Due; asOf?: string }, command: Command) => {
      const g = globals(command);
      const list = await app.session(g, ({ handlers }) =>
        call(handlers, 'care.followups.list', { asOf: options.asOf, limit: MAX_PER_BUCKET }, LIST_OPTIONS),
      );
      for (const bucket of ['overdue', 'today', 'week', 'later'] as const)
        if (list.counts[bucket] > list[bucket].length)
          app.io.stderr(`rapport: showing ${list[bucket].length} of ${list.counts[bucket]} follow-ups (${bucket}).\n`);
      const items = dueBy(list, options.due);
      if (g.json) return app.print(toJson(items.map(followUpJson)));
      if (items.length === 0) return app.print(`Nothing due (${options.due}) as of ${list.asOf}.`);
      app.print(
        table(items, [
          { header: 'ID', value: (i) => i.id },
          { header: 'Due', value: (i) => i.dueOn },
          { header: 'Late', value: (i) => (i.daysOverdue > 0 ? `${i.daysOverdue}d` : ''), align: 'right' },
          { header: 'Kind', value: (i) => i.kind.replaceAll('_', ' ') },
          { header: 'Customer', value: (i) => i.customerName, max: 28 },
          { header: 'Why', value: why, max: 60 },
        ]),
      );
      app.print(`\n${items.length} follow-ups as of ${list.asOf}`);
    });

  followups
    .command('done')
    .description('mark a follow-up done: complete a check-in, log a contact, or resolve a complaint')
    .argument('<id>', 'a follow-up id from "rapport followups list" (c42, s7, r7, k3)')
    .option('--csat <1-5>', 'check-ins: how satisfied the customer is')
    .option('--nps <0-10>', 'check-ins: how likely they are to recommend you')
    .option('--concern <text>', 'a concern the customer raised: opens a complaint')
    .option('--outcome <text>', 'what came of it (a complaint: how it was resolved)')
    .option('--on <YYYY-MM-DD>', 'the day it was done (default: today)')
    .addHelpText(
      'after',
      '\nWith --json, {id, kind, check_in, complaint, interaction}: what was recorded, each null when\n' +
        'untouched (snake_case keys).\n\n' +
        'Examples:\n  rapport followups done c42 --csat 4 --nps 9\n' +
        '  rapport followups done c43 --csat 2 --concern "The delivery arrived damaged"\n' +
        '  rapport followups done s7 --outcome "Called, all good"',
    )
    .action(
      async (
        id: string,
        options: { csat?: string; nps?: string; concern?: string; outcome?: string; on?: string },
        command: Command,
      ) => {
        const g = globals(command);
        const issues: FieldIssue[] = [];
        const csat = wholeNumber(options.csat, 'csat', issues);
        const nps = wholeNumber(options.nps, 'nps', issues);
        if (issues.length > 0) throw invalidInput(issues, DONE_OPTIONS, 'Nothing was recorded:');
        const input = {
          id: id.trim().toLowerCase(),
          csat: csat ?? null,
          nps: nps ?? null,
          concern: options.concern,
          outcome: options.outcome,
          on: options.on,
        };
        const result = await app.session(g, ({ handlers }) =>
          call(handlers, 'care.followups.done', input, DONE_OPTIONS),
        );
        if (g.json) return app.print(toJson(result));
        const lines: string[] = [];
        if (result.checkIn) lines.push(`Check-in ${result.id} done on ${result.checkIn.completedOn}.`);
        if (result.interaction)
          lines.push(
            `Logged a ${result.interaction.kind} with ${result.interaction.customerName}: the clock restarts.`,
          );
        if (result.complaint && result.kind === 'complaint')
          lines.push(`Complaint k${result.complaint.id} resolved on ${result.complaint.resolvedOn}.`);
        else if (result.complaint)
          lines.push(`Opened complaint k${result.complaint.id}: ${result.complaint.description}`);
        app.print(lines.join('\n'));
      },
    );

  followups
    .command('ics')
    .description('write the follow-ups to an .ics file that calendar apps import (re-import updates it)')
    .requiredOption('--out <file.ics>', 'the calendar file to write')
    .option('--force', 'replace the file if it exists')
    .option('--as-of <YYYY-MM-DD>', 'the day to look from (default: today)')
    .addHelpText(
      'after',
      '\nWith --json, {path, events, cancelled, bytes}.\n\nExample:\n  rapport followups ics --out ~/rapport.ics --force',
    )
    .action(async (options: { out: string; force?: boolean; asOf?: string }, command: Command) => {
      const g = globals(command);
      const input = { path: resolve(options.out), overwrite: options.force === true, asOf: options.asOf };
      const result = await app.session(g, ({ handlers }) => call(handlers, 'care.ics.export', input, ICS_OPTIONS));
      if (g.json) return app.print(toJson(result));
      app.print(
        `Wrote ${result.events} follow-ups${result.cancelled ? ` and ${result.cancelled} cancellations` : ''} to ${result.path}.`,
      );
    });

  const complaints = program.command('complaints').description('customer complaints and concerns');
  complaints
    .command('list')
    .description('complaints, open ones first (oldest first), then closed ones')
    .addOption(
      new Option('--status <which>', 'active (open or in progress), closed or all')
        .choices(['active', 'closed', 'all'])
        .default('all'),
    )
    .addHelpText(
      'after',
      '\nWith --json, a list of {id, customer_id, customer_name, sale_id, sale_title, check_in_id, opened_on,\n' +
        'source, category, severity, description, status, resolution, resolved_on, days_to_resolve,\n' +
        'remind_on, created_at, updated_at}.\n\n' +
        'Example:\n  rapport complaints list --status active',
    )
    .action(async (options: { status: 'active' | 'closed' | 'all' }, command: Command) => {
      const g = globals(command);
      const page = await app.session(g, ({ handlers }) =>
        call(handlers, 'care.complaints.list', { status: options.status, limit: 500 }, {}),
      );
      if (g.json) return printJsonList(app, page, 'complaints');
      if (page.items.length === 0) return app.print('No complaints.');
      const today = localIsoDate(app.io.now());
      app.print(
        table(page.items, [
          { header: 'ID', value: (c) => `k${c.id}` },
          { header: 'Opened', value: (c) => c.openedOn },
          { header: 'Status', value: (c) => c.status.replace('_', ' ') },
          { header: 'Severity', value: (c) => c.severity },
          { header: 'Category', value: (c) => c.category },
          { header: 'Customer', value: (c) => c.customerName, max: 24 },
          { header: 'Days', value: (c) => String(c.daysToResolve ?? daysBetween(c.openedOn, today)), align: 'right' },
          { header: 'Description', value: (c) => c.description, max: 40 },
          { header: 'Resolution', value: (c) => orDash(c.resolution), max: 30 },
        ]),
      );
      app.print(`\n${page.items.length} of ${page.total} complaints`);
    });
}
