import { SEARCH_KINDS, type SearchHit, type SearchKind } from '../../../../src-main/features/search/contract';

export interface HitGroup {
  kind: SearchKind;
  hits: SearchHit[];
}

/**
 * The hits grouped by kind, the kinds in a fixed order (journal, technique, sale, customer,
 * complaint, training) and each group's hits in the order the search gave them (best or newest first).
 */
export function groupHits(items: readonly SearchHit[]): HitGroup[] {
  return SEARCH_KINDS.map((kind) => ({ kind, hits: items.filter((hit) => hit.kind === kind) })).filter(
    (group) => group.hits.length > 0,
  );
}

/** Where a hit opens. */
export type HitTarget = { kind: 'entry'; id: number } | { kind: 'sale'; id: number } | { kind: 'path'; path: string };

export function targetOf(hit: SearchHit): HitTarget {
  switch (hit.kind) {
    case 'journal':
      return { kind: 'entry', id: hit.id };
    case 'technique':
      return { kind: 'path', path: `/journal/techniques?focus=${hit.id}` };
    case 'sale':
      return { kind: 'sale', id: hit.id };
    case 'customer':
      return { kind: 'path', path: `/customers/${hit.id}` };
    case 'complaint':
      // A complaint lives on its customer's page; without one (it cannot happen today) the list of complaints.
      return { kind: 'path', path: hit.customerId ? `/customers/${hit.customerId}` : '/followups/complaints' };
    case 'training':
      return { kind: 'path', path: `/training?focus=${hit.id}` };
    case 'library':
      return { kind: 'path', path: `/library/${hit.id}` };
    case 'highlight':
      // A highlight lives on its item's page.
      return { kind: 'path', path: hit.itemId ? `/library/${hit.itemId}` : '/library' };
  }
}
