import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BoundedFile, MalformedMedia } from '../../../src-main/features/library/readers/boundedFile';
import { readIsoBmff } from '../../../src-main/features/library/readers/isoBmff';
import { readMatroska } from '../../../src-main/features/library/readers/matroska';
import { mediaReader } from '../../../src-main/features/library/readers/media';
import {
  DEFAULT_LIMITS,
  MAX_COVER_BYTES,
  ReadFailure,
  type ReadItem,
} from '../../../src-main/features/library/readers/types';
import { hasMessage, translator } from '../../../src-main/shared/locales/translate';

const FIXTURES = fileURLToPath(new URL('../../fixtures/library/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
const scratch = mkdtempSync(join(tmpdir(), 'rapport-media-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ctx = () => ({ limits: DEFAULT_LIMITS, signal: new AbortController().signal });
const readPath = (path: string) => mediaReader.read(path, statSync(path).size, ctx());
const read = (name: string) => readPath(fixture(name));

/** A scratch file holding `bytes`, named `name`. */
function scratchFile(name: string, bytes: Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<ReadFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ReadFailure) return error;
    throw error;
  }
  throw new Error('expected a ReadFailure');
}

const magic = (data: Uint8Array | undefined) => Buffer.from(data?.subarray(0, 4) ?? []).toString('hex');

describe('media reader: audio files made by ffmpeg', () => {
  it('reads the MP3 podcast episode: ID3 title, host, show, year, genre, language, comment and cover', async () => {
    const item = await read('media-podcast.mp3');
    expect(item).toMatchObject({
      kind: 'audio',
      title: 'Episodio 12: le obiezioni sul prezzo',
      titleGuessed: false,
      people: [{ name: 'Giulia Verdi', role: 'host' }],
      year: 2025,
      language: 'it',
      description: 'Come rispondere quando il cliente dice che costa troppo.',
      tags: ['Podcast', 'Vendere Meglio'],
      isbns: [],
      width: null,
      height: null,
      contents: [],
      mime: 'audio/mpeg',
    });
    // 3 s of sine; LAME adds its encoder delay and padding.
    expect(item.durationS).toBeGreaterThan(2.95);
    expect(item.durationS).toBeLessThan(3.15);
    expect(item.cover?.mime).toBe('image/jpeg');
    expect(magic(item.cover?.data).startsWith('ffd8ff')).toBe(true);
    // The same JPEG went into the FLAC: the bytes come out unchanged.
    const flac = await read('media-lecture.flac');
    expect(Buffer.from(flac.cover!.data).equals(Buffer.from(item.cover!.data))).toBe(true);
  });

  it('reads the M4B audiobook: author, narrator (composer), year, three chapters, PNG cover, 6 s', async () => {
    const item = await read('media-audiobook.m4b');
    expect(item).toMatchObject({
      kind: 'audiobook',
      title: 'The Patient Seller',
      people: [
        { name: 'Laura Stone', role: 'author' },
        { name: 'Paul Reed', role: 'narrator' },
      ],
      year: 2023,
      // The album repeats the title: not a tag.
      tags: ['Audiobook'],
      durationS: 6,
      contents: [
        { title: 'Opening: why patience sells', level: 0, startS: 0 },
        { title: 'The second call', level: 0, startS: 2 },
        { title: 'Closing without pressure', level: 0, startS: 4 },
      ],
      mime: 'audio/mp4',
    });
    expect(item.cover?.mime).toBe('image/png');
    expect(magic(item.cover?.data)).toBe('89504e47');
  });

  it('reads the same audiobook with its moov box first alike', async () => {
    expect(await read('media-audiobook-faststart.m4b')).toEqual(await read('media-audiobook.m4b'));
  });

  it('reads the M4A lesson tagged by AtomicParsley: stik audiobook, standard genre, freeform narrator and ISBN', async () => {
    const item = await read('media-course.m4a');
    expect(item).toMatchObject({
      // No .m4b and no audiobook genre: iTunes' media type says it.
      kind: 'audiobook',
      title: 'Lezione 3: la trattativa',
      people: [
        { name: 'Sara Lombardi', role: 'author' },
        { name: 'Luca Neri', role: 'narrator' },
      ],
      year: 2021,
      // The sound track's language (mdhd), ISO 639-2 'ita' as BCP 47.
      language: 'it',
      description: 'Un corso in dieci lezioni. ISBN 978-88-00-00042-0',
      // The freeform ISBN atom, then the one named in the description, as written.
      isbns: ['9788800000420', '978-88-00-00042-0'],
      // gnre 102: the ID3 genre list's 'Speech'.
      tags: ['Speech'],
      durationS: 2,
      mime: 'audio/mp4',
    });
    expect(item.cover?.mime).toBe('image/jpeg');
    expect(Buffer.from(item.cover!.data).equals(Buffer.from((await read('media-lecture.flac')).cover!.data))).toBe(
      true,
    );
  });

  it('reads the OGG audiobook chapter: the genre makes it an audiobook, NARRATOR and ISBN comments', async () => {
    expect(await read('media-chapter.ogg')).toMatchObject({
      kind: 'audiobook',
      title: 'Listening First',
      people: [
        { name: 'Maria Conti', role: 'author' },
        { name: 'Luca Neri', role: 'narrator' },
      ],
      year: 2022,
      language: 'it',
      isbns: ['978-0-306-40615-7'],
      tags: ['Audiobook'],
      durationS: 3,
      cover: null,
      mime: 'audio/ogg',
    });
  });

  it('reads the FLAC lecture: the speaker, the album as a tag, the cover', async () => {
    const item = await read('media-lecture.flac');
    expect(item).toMatchObject({
      kind: 'audio',
      title: 'Pricing with confidence',
      people: [{ name: 'Daniel Harper', role: 'speaker' }],
      year: 2024,
      tags: ['Speech', 'Sales Summit 2024'],
      durationS: 2,
      mime: 'audio/flac',
    });
    expect(item.cover?.mime).toBe('image/jpeg');
  });

  it('reads the WAV memo: RIFF INFO title and artist', async () => {
    expect(await read('media-memo.wav')).toMatchObject({
      kind: 'audio',
      title: 'Memo after the Rossi meeting',
      people: [{ name: 'Me', role: 'speaker' }],
      durationS: 2,
      cover: null,
      mime: 'audio/wav',
    });
  });

  it('estimates a VBR MP3 without a Xing header from its frames (194 frames of 576 samples at 22,050 Hz)', async () => {
    const item = await read('media-vbr-noheader.mp3');
    expect(item.title).toBe('No header');
    expect(item.durationS).toBeCloseTo((194 * 576) / 22050, 2);
  });
});

describe('media reader: video files made by ffmpeg', () => {
  it('reads the MP4 talk: 320x240, title, speaker, year, genre; its moov box at the end', async () => {
    expect(await read('media-talk.mp4')).toMatchObject({
      kind: 'video',
      title: 'Handling objections live',
      people: [{ name: 'Sofia Marini', role: 'speaker' }],
      year: 2024,
      tags: ['Seminar'],
      width: 320,
      height: 240,
      durationS: 3,
      mime: 'video/mp4',
    });
  });

  it('reads the M4V pitch: a video with no sound, 192x108, 1 s, QuickTime metadata keys', async () => {
    expect(await read('media-pitch.m4v')).toMatchObject({
      kind: 'video',
      title: 'Thirty-second pitch',
      people: [{ name: 'Elena Ferri', role: 'speaker' }],
      year: 2025,
      width: 192,
      height: 108,
      durationS: 1,
      mime: 'video/mp4',
    });
  });

  it('reads the MOV role play: the QuickTime title and the size as shown (176x144 turned upright)', async () => {
    expect(await read('media-roleplay.mov')).toMatchObject({
      kind: 'video',
      title: 'Role play at the booth',
      width: 144,
      height: 176,
      durationS: 2,
      mime: 'video/quicktime',
    });
  });

  it('reads the MKV workshop: 256x144, title, global tags, the sound’s language, two chapters, the attached cover', async () => {
    const item = await read('media-workshop.mkv');
    expect(item).toMatchObject({
      kind: 'video',
      title: 'Workshop: discovery questions',
      people: [{ name: 'Marco Bassi', role: 'speaker' }],
      year: 2024,
      language: 'it',
      description: 'Questions that open a first meeting.',
      tags: ['Workshop'],
      width: 256,
      height: 144,
      contents: [
        { title: 'Welcome', level: 0, startS: 0 },
        { title: 'Questions that open', level: 0, startS: 1.5 },
      ],
      mime: 'video/x-matroska',
    });
    expect(item.durationS).toBeCloseTo(3, 1);
    expect(Buffer.from(item.cover!.data).equals(Buffer.from((await read('media-lecture.flac')).cover!.data))).toBe(
      true,
    );
  });

  it('tells a live recording’s duration (none stated) by its last cluster’s start', async () => {
    const item = await read('media-live.mkv');
    expect(item).toMatchObject({ kind: 'video', title: 'Screen recording', width: 96, height: 54 });
    // 3 s in clusters of about a second: the last starts between 2 and 3 s.
    expect(item.durationS).toBeGreaterThanOrEqual(2);
    expect(item.durationS).toBeLessThan(3);
  });

  it('reads the WebM follow-up: VP8 160x90 with Opus, title', async () => {
    const item = await read('media-followup.webm');
    expect(item).toMatchObject({
      kind: 'video',
      title: 'Follow-up in five minutes',
      width: 160,
      height: 90,
      contents: [],
      mime: 'video/webm',
    });
    expect(item.durationS).toBeCloseTo(2, 1);
  });

  it('calls an MP4 that holds only sound audio, not video', async () => {
    expect(await read('media-sound-only.mp4')).toMatchObject({
      kind: 'audio',
      title: 'Only sound here',
      people: [{ name: 'Giulia Verdi', role: 'host' }],
      description: 'Five minutes on follow-ups.',
      language: 'en',
      width: null,
      height: null,
      durationS: 2,
      mime: 'audio/mp4',
    });
  });
});

describe('media reader: the content decides, not the name', () => {
  it('reads a misnamed file as what it is', async () => {
    const soundAsMp3 = scratchFile('sound-only.mp3', readFileSync(fixture('media-sound-only.mp4')));
    expect(await readPath(soundAsMp3)).toMatchObject({ kind: 'audio', title: 'Only sound here', mime: 'audio/mp4' });
    const videoAsM4a = scratchFile('talk.m4a', readFileSync(fixture('media-talk.mp4')));
    expect(await readPath(videoAsM4a)).toMatchObject({ kind: 'video', width: 320, height: 240, mime: 'video/mp4' });
    const mp3AsMp4 = scratchFile('podcast.mp4', readFileSync(fixture('media-podcast.mp3')));
    expect(await readPath(mp3AsMp4)).toMatchObject({
      kind: 'audio',
      title: 'Episodio 12: le obiezioni sul prezzo',
      mime: 'audio/mpeg',
    });
  });

  it('takes an audiobook from the .m4b name even without a genre, and from the genre in any container', async () => {
    const noGenre = scratchFile('sound.m4b', readFileSync(fixture('media-sound-only.mp4')));
    const item = await readPath(noGenre);
    expect(item.kind).toBe('audiobook');
    // An audiobook's artist is its author.
    expect(item.people).toEqual([{ name: 'Giulia Verdi', role: 'author' }]);
  });
});

describe('media reader: hostile and broken files', () => {
  const cases: [string, string, Record<string, string | number>?][] = [
    ['media-empty.mp3', 'library.failures.empty'],
    ['media-empty.mp4', 'library.failures.empty'],
    ['media-truncated.mp3', 'library.failures.mediaTruncatedDuration', { expected: '0:10', actual: '0:03' }],
    ['media-truncated.mp4', 'library.failures.mediaTruncated'],
    ['media-random.mp3', 'library.failures.mediaUnknown'],
    ['media-random.mp4', 'library.failures.mediaUnknown'],
    ['media-random.mkv', 'library.failures.mediaUnknown'],
    ['media-text.webm', 'library.failures.mediaUnknown'],
    ['media-subtitles-only.mkv', 'library.failures.mediaNoStreams'],
  ];
  it.each(cases)('%s → %s', async (name, key, values = {}) => {
    const error = await failure(read(name));
    expect(error.key).toBe(key);
    expect(error.values).toEqual(values);
  });

  it('refuses files cut short: WAV data, Matroska segment, MP4 box, FLAC metadata, an ID3 tag alone', async () => {
    const cut = (name: string, bytes: number, as = name) =>
      scratchFile(`cut-${as}`, readFileSync(fixture(name)).subarray(0, bytes));
    for (const path of [
      cut('media-memo.wav', 4000),
      cut('media-workshop.mkv', 9000),
      cut('media-roleplay.mov', 1000),
      cut('media-lecture.flac', 300),
      cut('media-podcast.mp3', 400),
    ]) {
      expect((await failure(readPath(path))).key, path).toBe('library.failures.mediaTruncated');
    }
  });

  it('refuses damaged structures: a box smaller than its header, an EBML size of all zero bits', async () => {
    const talk = Buffer.from(readFileSync(fixture('media-talk.mp4')));
    talk.writeUInt32BE(4, 0x20); // the box after ftyp (free) now claims 4 bytes
    expect((await failure(readPath(scratchFile('tiny-box.mp4', talk)))).key).toBe('library.failures.mediaDamaged');
    const mkv = Buffer.from(readFileSync(fixture('media-workshop.mkv')));
    mkv[4] = 0x00; // the EBML header's size: a length marker of all zero bits is no number
    expect((await failure(readPath(scratchFile('zero.mkv', mkv)))).key).toBe('library.failures.mediaDamaged');
  });

  it('gives up at once when the import aborts it (its time limit)', async () => {
    const controller = new AbortController();
    controller.abort();
    const path = fixture('media-talk.mp4');
    const error = await failure(
      mediaReader.read(path, statSync(path).size, { limits: DEFAULT_LIMITS, signal: controller.signal }),
    );
    expect(error.key).toBe('library.failures.timeout');
  });

  it('has words for every failure in English and Italian', () => {
    const keys = [...cases.map(([, key]) => key), 'library.failures.timeout', 'library.failures.mediaDamaged'];
    const italian = translator('it');
    const en = translator('en');
    for (const key of [...keys, 'library.failures.unreadable', 'library.failures.mediaTruncated']) {
      expect(hasMessage(key), key).toBe(true);
      expect(italian(key, { expected: '0:10', actual: '0:03' })).not.toBe(
        en(key, { expected: '0:10', actual: '0:03' }),
      );
    }
    expect(en('library.failures.mediaTruncatedDuration', { expected: '0:10', actual: '0:03' })).toContain('0:10');
  });
});

describe('media reader: container walks', () => {
  it('finds the QuickTime chapter track and the Nero chapter list alike, reading only headers', async () => {
    const file = await BoundedFile.open(fixture('media-audiobook.m4b'), { budget: 1 << 20 });
    try {
      const iso = await readIsoBmff(file);
      expect(iso.durationS).toBe(6);
      expect(iso.chapters.map((c) => c.startS)).toEqual([0, 2, 4]);
      expect(iso.tracks.map((t) => t.handler)).toEqual(['soun', 'text']);
      expect(iso.tracks[0]!.chapterTracks).toEqual([iso.tracks[1]!.id]);
    } finally {
      await file.close();
    }
  });

  it('stops at a read budget: a walker can never read more than it is allowed', async () => {
    const file = await BoundedFile.open(fixture('media-workshop.mkv'), { budget: 100 });
    try {
      await expect(readMatroska(file)).rejects.toBeInstanceOf(MalformedMedia);
      expect(file.bytesRead).toBeLessThanOrEqual(100);
    } finally {
      await file.close();
    }
  });
});

/** What any successful read must look like, whatever the bytes were. */
function checkItem(item: ReadItem) {
  expect(['audio', 'audiobook', 'video']).toContain(item.kind);
  for (const n of [item.width, item.height]) if (n !== null) expect(Number.isInteger(n) && n > 0).toBe(true);
  if (item.durationS !== null) expect(Number.isFinite(item.durationS) && item.durationS > 0).toBe(true);
  for (const c of item.contents) expect(Number.isFinite(c.startS) && c.startS! >= 0).toBe(true);
  if (item.cover) expect(item.cover.data.length).toBeLessThanOrEqual(MAX_COVER_BYTES);
  if (item.year !== null) expect(item.year >= 1 && item.year <= 9999).toBe(true);
}

/** Reads `bytes` as `name`: a ReadItem or a ReadFailure, nothing else (a crash fails the property). */
async function survives(name: string, bytes: Uint8Array): Promise<void> {
  const path = scratchFile(name, bytes);
  try {
    checkItem(await readPath(path));
  } catch (error) {
    if (!(error instanceof ReadFailure)) throw error;
    expect(error.key.startsWith('library.failures.')).toBe(true);
  }
}

describe('media reader: property', () => {
  const extensions = ['.mp3', '.m4a', '.m4b', '.ogg', '.flac', '.wav', '.mp4', '.mov', '.mkv', '.webm'];

  it('answers random bytes under any media name with a ReadFailure, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 4096 }),
        fc.constantFrom(...extensions),
        async (bytes, extension) => survives(`random${extension}`, bytes),
      ),
      { numRuns: 150 },
    );
  });

  const real = [
    'media-podcast.mp3',
    'media-audiobook.m4b',
    'media-course.m4a',
    'media-pitch.m4v',
    'media-chapter.ogg',
    'media-lecture.flac',
    'media-memo.wav',
    'media-talk.mp4',
    'media-roleplay.mov',
    'media-workshop.mkv',
    'media-live.mkv',
    'media-followup.webm',
  ].map((name) => ({ name, bytes: readFileSync(fixture(name)) }));

  /** Damage to a file of `size` bytes: bytes changed (mostly where the headers are: the first and last 4 KB), the file cut, bytes spliced in. */
  const damage = (size: number) => {
    const position = fc.oneof(
      fc.integer({ min: 0, max: Math.min(4095, size - 1) }),
      fc.integer({ min: Math.max(0, size - 4096), max: size - 1 }),
      fc.integer({ min: 0, max: size - 1 }),
    );
    return fc.oneof(
      fc.record({
        kind: fc.constant('change' as const),
        at: fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
      }),
      fc.record({ kind: fc.constant('cut' as const), keep: fc.integer({ min: 0, max: size }) }),
      fc.record({
        kind: fc.constant('splice' as const),
        where: position,
        bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
    );
  };

  it('gives no duration rather than an impossible one when damage zeroes it (a case the property found)', async () => {
    const bytes = Buffer.from(readFileSync(fixture('media-audiobook.m4b')));
    bytes[40] = 0;
    bytes[12588] = 1;
    await survives('media-audiobook.m4b', bytes);
  });

  it('survives random damage to real files: bytes changed, the file cut, bytes spliced in', async () => {
    const cases = fc.constantFrom(...real).chain((file) => fc.tuple(fc.constant(file), damage(file.bytes.length)));
    await fc.assert(
      fc.asyncProperty(cases, async ([{ name, bytes }, d]) => {
        let out = Buffer.from(bytes);
        if (d.kind === 'change') for (const [at, value] of d.at) out[at] = value;
        else if (d.kind === 'cut') out = out.subarray(0, d.keep);
        else out = Buffer.concat([out.subarray(0, d.where), Buffer.from(d.bytes), out.subarray(d.where)]);
        await survives(name, out);
      }),
      { numRuns: 300 },
    );
  });
});
