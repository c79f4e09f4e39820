import { sql, type Kysely } from 'kysely';
import { ensureSearchIndex } from '../searchIndex';

/**
 * The learning library: items (books, e-books, audiobooks, videos, audio episodes, seminars,
 * articles) with their people, highlights and notes, takeaways that turn into techniques or
 * goals, action items from seminar notes, the time and pages spent on them, and training notes
 * about products and kinds of customers. Frozen in time: never edit a migration that has
 * shipped; add a new one.
 *
 * Files: a stored item's file lives in the library folder next to the database, named by its
 * content hash (`file_name`); a linked one stays where it is (`file_path`) and is flagged
 * when it goes missing.
 *
 * ON DELETE, deliberately:
 * - item → its people, highlights, takeaways, action items and sessions go with it (CASCADE).
 * - highlight → a takeaway keeps its text with the link SET NULL.
 * - technique → a takeaway's and a technique's source links are SET NULL (a merged technique's
 *   takeaways move to the survivor first, see techniques' merge).
 * - goal → a takeaway's goal link is SET NULL.
 * - product → its training notes go with it (CASCADE).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const day = (column: string) =>
    sql.raw(`(${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`);
  const flag = (column: string) => sql.raw(`${column} INTEGER NOT NULL DEFAULT 0 CHECK (${column} IN (0, 1))`);

  await sql`
    CREATE TABLE library_items (
      id INTEGER PRIMARY KEY,
      ${flag('sample')},
      kind TEXT NOT NULL CHECK (kind IN ('book', 'ebook', 'audiobook', 'video', 'audio', 'seminar', 'article')),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      -- 1 when the title was read from a PDF's first page because its metadata had none.
      ${flag('title_guessed')},
      -- Lower-cased, accent- and punctuation-free title: with the first author, the last dedupe key.
      title_key TEXT NOT NULL,
      publisher TEXT,
      year INTEGER CHECK (year BETWEEN 0 AND 9999),
      language TEXT,
      isbn13 TEXT CHECK (isbn13 IS NULL OR (length(isbn13) = 13 AND isbn13 NOT GLOB '*[^0-9]*')),
      isbn10 TEXT CHECK (isbn10 IS NULL OR (length(isbn10) = 10 AND isbn10 NOT GLOB '*[^0-9X]*')),
      pages INTEGER CHECK (pages > 0),
      duration_s REAL CHECK (duration_s >= 0),
      width INTEGER CHECK (width > 0),
      height INTEGER CHECK (height > 0),
      -- Where it is: a file in the library folder, a file linked in place, a web address, a copy on a shelf.
      source TEXT NOT NULL DEFAULT 'physical' CHECK (source IN ('stored', 'linked', 'url', 'physical')),
      file_name TEXT,
      file_path TEXT,
      file_hash TEXT,
      file_size INTEGER CHECK (file_size >= 0),
      file_mime TEXT,
      -- Set when a linked file was last found missing; cleared when it is back.
      file_missing_at TEXT,
      url TEXT,
      -- The cover image in the library folder's covers/, named by its content hash.
      cover_name TEXT,
      -- What the file says about itself (a description, a blurb) and the seller's own summary.
      description TEXT,
      summary TEXT,
      -- JSON: [{ "title", "level", "page"? , "start_s"? }] (a table of contents, an outline, chapters).
      contents TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contents)),
      tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
      status TEXT NOT NULL DEFAULT 'want' CHECK (status IN ('want', 'in_progress', 'done', 'abandoned')),
      progress_page INTEGER CHECK (progress_page >= 0),
      progress_percent REAL CHECK (progress_percent BETWEEN 0 AND 100),
      -- Where playback stopped, in seconds.
      position_s REAL CHECK (position_s >= 0),
      rating INTEGER CHECK (rating BETWEEN 1 AND 5),
      started_on TEXT CHECK (${day('started_on')}),
      finished_on TEXT CHECK (${day('finished_on')}),
      -- The learning plan: queued items with the day the seller means to finish them by.
      planned_on TEXT CHECK (${day('planned_on')}),
      -- A seminar's event and day, and its notes (Markdown).
      event TEXT,
      held_on TEXT CHECK (${day('held_on')}),
      body TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (source <> 'stored' OR (file_name IS NOT NULL AND file_hash IS NOT NULL)),
      CHECK (source <> 'linked' OR file_path IS NOT NULL),
      CHECK (source <> 'url' OR url IS NOT NULL)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX library_items_isbn13 ON library_items (isbn13) WHERE isbn13 IS NOT NULL`.execute(db);
  await sql`CREATE INDEX library_items_hash ON library_items (file_hash) WHERE file_hash IS NOT NULL`.execute(db);
  await sql`CREATE INDEX library_items_title_key ON library_items (title_key)`.execute(db);
  await sql`CREATE INDEX library_items_finished ON library_items (finished_on) WHERE finished_on IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX library_items_planned ON library_items (planned_on) WHERE planned_on IS NOT NULL`.execute(db);
  await sql`CREATE INDEX library_items_sample ON library_items (id) WHERE sample = 1`.execute(db);

  await sql`
    CREATE TABLE library_people (
      item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      role TEXT NOT NULL DEFAULT 'author'
        CHECK (role IN ('author', 'editor', 'translator', 'narrator', 'speaker', 'host', 'other')),
      PRIMARY KEY (item_id, position)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX library_people_name ON library_people (name COLLATE NOCASE)`.execute(db);

  await sql`
    CREATE TABLE library_highlights (
      id INTEGER PRIMARY KEY,
      ${flag('sample')},
      item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('highlight', 'note', 'bookmark')),
      text TEXT NOT NULL DEFAULT '',
      -- The seller's note on a highlight (a Kindle note at the same location, a Readwise note).
      note TEXT,
      -- Kindle locations (631-632), a page, a playback position: any of them, as the source gives them.
      loc_start INTEGER,
      loc_end INTEGER,
      page INTEGER,
      position_s REAL,
      highlighted_at TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('manual', 'kindle', 'goodreads', 'readwise')),
      -- What makes a re-import of the same clipping add nothing (origin, item, kind, place, text).
      fingerprint TEXT UNIQUE,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX library_highlights_item ON library_highlights (item_id, loc_start, page, position_s)`.execute(
    db,
  );

  await sql`
    CREATE TABLE library_takeaways (
      id INTEGER PRIMARY KEY,
      ${flag('sample')},
      item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
      highlight_id INTEGER REFERENCES library_highlights (id) ON DELETE SET NULL,
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      technique_id INTEGER REFERENCES techniques (id) ON DELETE SET NULL,
      goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL,
      -- The day the seller first tried it on a sale (a learning metric: takeaways tried).
      tried_on TEXT CHECK (${day('tried_on')}),
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX library_takeaways_item ON library_takeaways (item_id)`.execute(db);
  await sql`CREATE INDEX library_takeaways_technique ON library_takeaways (technique_id) WHERE technique_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX library_takeaways_tried ON library_takeaways (tried_on) WHERE tried_on IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE library_actions (
      id INTEGER PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      due_on TEXT CHECK (${day('due_on')}),
      done_at TEXT,
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX library_actions_open ON library_actions (due_on) WHERE done_at IS NULL`.execute(db);
  await sql`CREATE INDEX library_actions_item ON library_actions (item_id, position)`.execute(db);

  // Time and pages spent learning, per item and day (playback adds to the day's minutes).
  await sql`
    CREATE TABLE learning_sessions (
      item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
      on_date TEXT NOT NULL CHECK (${day('on_date')}),
      minutes REAL NOT NULL DEFAULT 0 CHECK (minutes >= 0),
      pages INTEGER NOT NULL DEFAULT 0 CHECK (pages >= 0),
      PRIMARY KEY (item_id, on_date)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX learning_sessions_day ON learning_sessions (on_date)`.execute(db);

  // A technique's "where it came from" can now be a library item or one of its highlights.
  await sql`ALTER TABLE techniques ADD COLUMN source_item_id INTEGER REFERENCES library_items (id) ON DELETE SET NULL`.execute(
    db,
  );
  await sql`ALTER TABLE techniques ADD COLUMN source_highlight_id INTEGER
    REFERENCES library_highlights (id) ON DELETE SET NULL`.execute(db);

  // What the seller knows about a product, or about a segment or industry of customers.
  await sql`
    CREATE TABLE training_notes (
      id INTEGER PRIMARY KEY,
      ${flag('sample')},
      subject TEXT NOT NULL CHECK (subject IN ('product', 'segment', 'industry')),
      product_id INTEGER REFERENCES products (id) ON DELETE CASCADE,
      -- The segment's or industry's name as customers carry it.
      name TEXT,
      -- Product: features, benefits, pricing. Segment/industry: who they are, what they care about, what works.
      features TEXT,
      benefits TEXT,
      pricing TEXT,
      who TEXT,
      cares_about TEXT,
      what_works TEXT,
      -- JSON: [{ "objection", "answer" }].
      objections TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(objections)),
      body TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((subject = 'product') = (product_id IS NOT NULL)),
      CHECK ((subject = 'product') = (name IS NULL))
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX training_notes_product ON training_notes (product_id) WHERE product_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX training_notes_group ON training_notes (subject, name COLLATE NOCASE)
    WHERE name IS NOT NULL`.execute(db);

  // Training notes join the full-text index: ensureSearchIndex finds the index of version 6 whole
  // and adds the sources whose tables now exist (their triggers and rows), leaving the rest.
  await ensureSearchIndex(db);
}
