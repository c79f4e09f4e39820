import { createHash } from 'node:crypto';
import type { SchemaShape } from '../../src-main/db/schemaCheck';

/** Each object of a schema (a table's columns, an index, a trigger…) by "kind name", as a short digest of what the check compares. */
export function schemaDigests(shape: SchemaShape): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const [kind, value] of Object.entries(shape) as [string, Map<string, unknown> | Set<string>][]) {
    const entries = value instanceof Set ? [...value].map((name) => [name, ''] as const) : [...value];
    for (const [name, what] of entries) {
      const text = what instanceof Map ? JSON.stringify([...what]) : JSON.stringify(what);
      digests[`${kind} ${name}`] = createHash('sha256').update(text).digest('hex').slice(0, 16);
    }
  }
  return digests;
}
