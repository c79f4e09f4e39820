import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/api';
import type { ContactRule, ContactRulesInput } from './contract';
import type { DB } from '../../db/schema';
import { findCustomer } from '../customers';
import { readContactRules, replaceContactRules } from './rulesRepository';
import { AppError } from '../../kernel/errors';

export type RuleLike = Pick<ContactRule, 'scope' | 'value' | 'customerId' | 'idealDays' | 'maxDays'>;

/**
 * The contact rule that applies to a customer: their own, else a tag's (the strictest when
 * several of their tags have one: the shortest maximum, then the shortest ideal), else their
 * segment's, else the default; null when none applies. A tag is more specific than a segment:
 * "VIP" marks a few customers on purpose, a segment is a broad class.
 */
export function contactRuleFor(
  rules: readonly RuleLike[],
  customer: { id: number; segment: string | null; tags: readonly string[] },
): RuleLike | null {
  const own = rules.find((r) => r.scope === 'customer' && r.customerId === customer.id);
  if (own) return own;
  const tagged = rules
    .filter((r) => r.scope === 'tag' && customer.tags.includes(r.value!))
    .sort((a, b) => a.maxDays - b.maxDays || a.idealDays - b.idealDays)[0];
  if (tagged) return tagged;
  const segment = rules.find((r) => r.scope === 'segment' && r.value === customer.segment);
  if (segment) return segment;
  return rules.find((r) => r.scope === 'default') ?? null;
}

export const getContactRules = readContactRules;

/** Replaces every contact rule; customers named by a rule must exist. */
export async function setContactRules(
  db: Kysely<DB>,
  rules: z.output<typeof ContactRulesInput>,
): Promise<ContactRule[]> {
  const issues: FieldIssue[] = [];
  for (const [i, rule] of rules.entries())
    if (rule.customerId !== null && !(await findCustomer(db, rule.customerId)))
      issues.push({ path: `rules.${i}.customerId`, message: 'errors.unknownCustomer' });
  if (issues.length > 0) throw new AppError('invalid_input', 'failures.ruleUnknownCustomer', issues);
  await replaceContactRules(db, rules);
  return readContactRules(db);
}
