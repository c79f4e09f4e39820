import type { E2EApp } from './harness';

/**
 * Puts a few library items into the preview's real database through the app's own API (the
 * page's `window.rapport`), as the seller would add them by hand: a book in progress with
 * highlights and a takeaway linked to a technique and a goal, an article on the web, a seminar
 * with notes, a finished e-book. Nothing when the library already holds something (a sample
 * book that comes with a library). Returns the book's id, or null when nothing was added.
 */
export async function seedLibrary(page: E2EApp['page']): Promise<number | null> {
  return page.evaluate(async () => {
    const bridge = (
      window as unknown as {
        rapport: {
          invoke: (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
        };
      }
    ).rapport;
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const reply = await bridge.invoke(channel, input);
      if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
      return reply.value as T;
    };
    const { total } = await call<{ total: number }>('library.list', { limit: 1 });
    if (total > 0) return null;
    const book = await call<{ id: number }>('library.create', {
      kind: 'book',
      title: 'The Patient Closer',
      people: [{ name: 'Marta Villa', role: 'author' }],
      publisher: 'Northwind Press',
      year: 2021,
      isbn: '9780306406157',
      pages: 248,
      tags: ['closing', 'mindset'],
      status: 'in_progress',
      progressPage: 132,
      rating: 4,
      startedOn: '2026-01-10',
      summary: 'A book about the **pace** of a negotiation: when to talk, and when to stop.',
    });
    await call('library.create', {
      kind: 'article',
      title: 'Why buyers go quiet',
      people: [{ name: 'Elena Romano', role: 'author' }],
      url: 'https://example.com/why-buyers-go-quiet',
      tags: ['objections'],
      status: 'abandoned',
    });
    await call('library.create', {
      kind: 'seminar',
      title: 'Spring sales kickoff',
      people: [{ name: 'Chiara Neri', role: 'speaker' }],
      event: 'Kickoff 2026',
      heldOn: '2026-02-02',
      status: 'done',
      rating: 4,
      body: '## Day one\n\n- Ask for the next step before leaving\n- Bring two stories from the same trade',
    });
    await call('library.create', {
      kind: 'ebook',
      title: 'Price Without Fear',
      people: [{ name: 'Tommaso Riva', role: 'author' }],
      pages: 312,
      status: 'done',
      rating: 5,
      tags: ['objections', 'closing'],
      finishedOn: '2026-02-20',
      startedOn: '2026-01-05',
    });
    const highlight = await call<{ id: number }>('library.highlightSave', {
      itemId: book.id,
      text: 'After you say the price, silence is a question: let the buyer answer it.',
      note: 'Try this on the April renewals.',
      page: 57,
    });
    await call('library.highlightSave', {
      itemId: book.id,
      text: 'Good closers never rush; they make the next step obvious.',
      page: 88,
      locStart: 1311,
      locEnd: 1318,
    });
    const techniques = await call<{ id: number; retired: boolean }[]>('techniques.list', {});
    const goals = await call<{ items: { goal: { id: number } }[] }>('goals.list', {});
    await call('library.takeawaySave', {
      itemId: book.id,
      highlightId: highlight.id,
      text: 'Say the price once, then wait.',
      technique: techniques.find((t) => !t.retired) ? { id: techniques.find((t) => !t.retired)!.id } : null,
      goalId: goals.items[0]?.goal.id ?? null,
      triedOn: '2026-03-02',
    });
    return book.id;
  });
}
