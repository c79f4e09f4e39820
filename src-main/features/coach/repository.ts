import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ReportDocumentV1 } from '../reports/contract';
import type { CoachDocument, CoachNote, CoachReport } from './contract';
import { withAtRiskTotal } from './read';

/** Keeps a checked report; the same seller and period again replaces the one kept (its id stays). */
export async function keepReport(
  db: Kysely<DB>,
  doc: CoachDocument,
  file: string,
  openedAt: string,
): Promise<CoachReport> {
  const row = await db
    .insertInto('coach_reports')
    .values({
      seller: doc.seller.name,
      from_on: doc.period.from,
      to_on: doc.period.to,
      file,
      opened_at: openedAt,
      document: JSON.stringify(doc),
    })
    .onConflict((oc) =>
      oc.columns(['seller', 'from_on', 'to_on']).doUpdateSet((eb) => ({
        file: eb.ref('excluded.file'),
        opened_at: eb.ref('excluded.opened_at'),
        document: eb.ref('excluded.document'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    file,
    openedAt,
    seller: doc.seller.name,
    from: doc.period.from,
    to: doc.period.to,
    document: doc,
  };
}

export async function listReports(db: Kysely<DB>): Promise<CoachReport[]> {
  const rows = await db.selectFrom('coach_reports').selectAll().orderBy('seller').orderBy('from_on').execute();
  return rows.map((r) => ({
    id: r.id,
    file: r.file,
    openedAt: r.opened_at,
    seller: r.seller,
    from: r.from_on,
    to: r.to_on,
    // Stored only after every check passed (read.ts); parsed again by the contract's schema on the way out.
    // A version-1 report kept before the workspace read version 2 has no at-risk total yet.
    document: withAtRiskTotal(JSON.parse(r.document) as CoachDocument | ReportDocumentV1),
  }));
}

export async function removeReport(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('coach_reports').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listNotes(db: Kysely<DB>): Promise<CoachNote[]> {
  const rows = await db.selectFrom('coach_notes').selectAll().orderBy('seller').execute();
  return rows.map((r) => ({ seller: r.seller, text: r.text, updatedAt: r.updated_at }));
}

/** Saves a seller's note; an empty one is removed. */
export async function saveNote(db: Kysely<DB>, seller: string, text: string, at: string): Promise<CoachNote> {
  if (text.trim() === '') await db.deleteFrom('coach_notes').where('seller', '=', seller).execute();
  else
    await db
      .insertInto('coach_notes')
      .values({ seller, text, updated_at: at })
      .onConflict((oc) => oc.column('seller').doUpdateSet({ text, updated_at: at }))
      .execute();
  return { seller, text: text.trim() === '' ? '' : text, updatedAt: at };
}
