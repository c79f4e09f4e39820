import { openAsBlob } from 'node:fs';
import { extname } from 'node:path';
import { parseBlob, parseFile, selectCover, type IAudioMetadata, type IOptions, type IPicture } from 'music-metadata';
import type { ContentsEntry, LibraryKind, PersonRole } from '../contract';
import { BoundedFile, MalformedMedia, ReadAborted } from './boundedFile';
import { readIsoBmff, type IsoInfo } from './isoBmff';
import { readMatroska, type MatroskaInfo } from './matroska';
import { sniff, type MediaFamily, type Sniffed } from './mediaSniff';
import { emptyItem, MAX_COVER_BYTES, ReadFailure, type FileReader, type ReadContext, type ReadItem } from './types';

/**
 * Audio (MP3, M4A/M4B, OGG/Opus, FLAC, WAV) and video (MP4/M4V, MOV, MKV, WebM) files.
 *
 * 1. The first bytes say what the file is (mediaSniff.ts); anything else is refused.
 * 2. MP4/MOV and Matroska/WebM are walked box by box / element by element with small bounded
 *    reads (isoBmff.ts, matroska.ts) for what music-metadata 11 does not give: the streams
 *    (video or sound only), the picture size, the movie's duration, chapters, QuickTime titles.
 * 3. music-metadata 11 reads the tags, the duration and the cover, streaming from the file
 *    (random-access reads; it never loads the media data).
 *
 * Failures, all `library.failures.*`: `empty` (0 bytes), `mediaUnknown` (not audio or video we
 * read, e.g. random bytes or text), `mediaTruncated` (the file is shorter than its own headers
 * say, see below), `mediaDamaged` (its structure does not add up, or music-metadata gave up),
 * `mediaNoStreams` (a valid container with no sound and no picture), `timeout`.
 *
 * A truncated file fails rather than being imported with a flag: its headers claim a duration
 * the file cannot play (a 10-minute MP3 cut after 3 minutes still says 10), ReadItem has no
 * place for a warning, and the seller can fix it only by getting the whole file again.
 * Detected: MP3 (bytes on disk against bitrate × the header's duration), WAV (the data chunk's
 * size), MP4/MOV (a box running past the end), Matroska/WebM (a Segment of known size running
 * past the end), FLAC (metadata blocks running past the end). A FLAC or Ogg file cut inside its
 * audio is not detected: Ogg's duration comes from its last page, so it is true anyway.
 */

const EXTENSIONS = [
  '.mp3',
  '.m4a',
  '.m4b',
  '.ogg',
  '.oga',
  '.opus',
  '.flac',
  '.wav',
  '.mp4',
  '.m4v',
  '.mov',
  '.mkv',
  '.mka',
  '.webm',
] as const;

/** What each extension should hold: when the content says otherwise, music-metadata is told the content's type. */
const FAMILY_OF_EXTENSION: Record<(typeof EXTENSIONS)[number], MediaFamily> = {
  '.mp3': 'mpeg',
  '.m4a': 'mp4',
  '.m4b': 'mp4',
  '.ogg': 'ogg',
  '.oga': 'ogg',
  '.opus': 'ogg',
  '.flac': 'flac',
  '.wav': 'wav',
  '.mp4': 'mp4',
  '.m4v': 'mp4',
  '.mov': 'mp4',
  '.mkv': 'matroska',
  '.mka': 'matroska',
  '.webm': 'matroska',
};

const PARSER_MIME: Record<MediaFamily, string> = {
  mpeg: 'audio/mpeg',
  mp4: 'audio/mp4',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  wav: 'audio/wav',
  matroska: 'video/x-matroska',
};

/** Bytes the container walkers may read from one file (headers and small boxes only). */
const WALK_BUDGET = 16 * 1024 * 1024;
/** Metadata in front of the media larger than this is parsed without its pictures (a cover cannot be that big). */
const COVER_SCAN_LIMIT = 4 * MAX_COVER_BYTES;

/** Sample-entry codecs of a "video" track that is really still pictures (chapter images, cover art). */
const PICTURE_CODECS = new Set(['jpeg', 'png ', 'gif ', 'mjpa', 'mjpb', 'tiff', 'bmp ']);

const AUDIOBOOK_WORDS =
  /\b(audio ?books?|audiolibr[oi]|h(?:ö|oe)rb(?:u|ü)ch|livres? audio|audiolivros?|audiolibros?)\b/i;
const PODCAST_WORDS = /\bpodcasts?\b/i;
const ISBN_IN_TEXT = /\bISBN(?:-1[03])?:?\s*((?:97[89][\s-]?)?\d[\d\s-]{7,14}[\dXx])\b/g;

const fail = (key: string, values: Record<string, string | number> = {}) =>
  new ReadFailure(`library.failures.${key}`, values);

/** m:ss or h:mm:ss, for a failure's message. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Rejects as soon as the signal fires (music-metadata takes no signal; its reads stop with the file's end). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ReadAborted());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new ReadAborted());
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * music-metadata's reading of the tags. Chapters are asked for, and asked again without them
 * when that throws (it does on some M4A files). A file whose name says another family than its
 * content is read through a Blob of the content's type (parseFile picks its parser by name).
 */
async function readTags(path: string, sniffed: Sniffed, extension: string, signal: AbortSignal) {
  const byName = FAMILY_OF_EXTENSION[extension as (typeof EXTENSIONS)[number]] === sniffed.family;
  const parse = async (options: IOptions): Promise<IAudioMetadata> =>
    byName
      ? parseFile(path, options)
      : parseBlob(await openAsBlob(path, { type: PARSER_MIME[sniffed.family] }), options);
  const options: IOptions = {
    duration: false,
    skipCovers: sniffed.headerBytes > COVER_SCAN_LIMIT,
    mkvUseIndex: true,
  };
  let meta: IAudioMetadata;
  try {
    meta = await abortable(parse({ ...options, includeChapters: true }), signal);
  } catch (error) {
    if (error instanceof ReadAborted) throw error;
    meta = await abortable(parse(options), signal);
  }
  return meta;
}

interface Streams {
  audio: boolean;
  video: boolean;
  width: number | null;
  height: number | null;
  durationS: number | null;
  chapters: ContentsEntry[];
  title: string | null;
  artist: string | null;
  year: number | null;
  audiobookBrand: boolean;
  quickTime: boolean;
}

function isoStreams(iso: IsoInfo): Streams {
  const picture = iso.tracks.find(
    (t) => t.handler === 'vide' && t.enabled && t.width > 0 && t.height > 0 && !PICTURE_CODECS.has(t.codec ?? ''),
  );
  const chapterIds = new Set(iso.tracks.flatMap((t) => t.chapterTracks));
  const year = /^\d{4}/.exec(iso.userData.get('\u00a9day') ?? '')?.[0];
  return {
    audio: iso.tracks.some((t) => t.handler === 'soun' && !chapterIds.has(t.id)),
    video: picture !== undefined,
    width: picture?.width ?? null,
    height: picture?.height ?? null,
    durationS: iso.durationS,
    chapters: iso.chapters,
    title: iso.userData.get('\u00a9nam') ?? null,
    artist: iso.userData.get('\u00a9ART') ?? iso.userData.get('\u00a9aut') ?? null,
    year: year ? Number(year) : null,
    audiobookBrand: iso.brands.includes('M4B '),
    quickTime: iso.brands[0] === 'qt  ',
  };
}

function matroskaStreams(mkv: MatroskaInfo): Streams {
  const picture = mkv.tracks.find((t) => t.type === 1 && t.enabled && t.width > 0 && t.height > 0);
  return {
    audio: mkv.tracks.some((t) => t.type === 2),
    video: picture !== undefined,
    width: picture?.width ?? null,
    height: picture?.height ?? null,
    durationS: mkv.durationS,
    chapters: mkv.chapters,
    title: mkv.title,
    artist: null,
    year: null,
    audiobookBrand: false,
    quickTime: false,
  };
}

/** A picture's type by its first bytes; anything else is not kept as a cover. */
function imageMime(data: Uint8Array): string | null {
  const b = (i: number) => data[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46) return 'image/gif';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45) {
    return 'image/webp';
  }
  return null;
}

function cover(pictures: IPicture[] | undefined): ReadItem['cover'] {
  const picture = selectCover(pictures);
  if (!picture || picture.data.length === 0 || picture.data.length > MAX_COVER_BYTES) return null;
  const mime = imageMime(picture.data);
  return mime ? { mime, data: Uint8Array.from(picture.data) } : null;
}

/** A language as a BCP 47 tag: ID3's 'ita' becomes 'it'; 'und', 'XXX' and the like are none. */
function language(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value || /^(und|zxx|mul|mis|xxx)$/i.test(value)) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

const valueText = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return null;
};

/** Native tags by a name, whatever the format writes before it ('TXXX:NARRATOR', '----:com.apple.iTunes:NARRATOR'). */
function nativeValues(meta: IAudioMetadata | null, names: RegExp): string[] {
  const out: string[] = [];
  for (const tags of Object.values(meta?.native ?? {})) {
    for (const tag of tags) {
      const name = tag.id.split(':').at(-1) ?? tag.id;
      if (!names.test(name)) continue;
      const text = valueText(tag.value)?.trim();
      if (text) out.push(text);
    }
  }
  return out;
}

function addPeople(people: ReadItem['people'], names: (string | undefined | null)[], role: PersonRole) {
  for (const raw of names) {
    const name = raw?.replace(/\s+/g, ' ').trim();
    if (!name || name.length > 200) continue;
    if (people.some((p) => p.name.toLowerCase() === name.toLowerCase())) continue;
    people.push({ name, role });
  }
}

function addTags(tags: string[], values: (string | undefined | null)[]) {
  for (const raw of values) {
    const tag = raw?.replace(/\s+/g, ' ').trim().slice(0, 40).trim();
    if (!tag || tags.length >= 30 || tags.some((t) => t.toLowerCase() === tag.toLowerCase())) continue;
    tags.push(tag);
  }
}

function isbns(meta: IAudioMetadata, texts: string[]): string[] {
  const found = nativeValues(meta, /^isbn(-?1[03])?$/i);
  const barcode = meta.common.barcode?.replace(/[\s-]/g, '');
  if (barcode && /^97[89]\d{10}$/.test(barcode)) found.push(barcode);
  for (const text of texts) for (const m of text.matchAll(ISBN_IN_TEXT)) found.push(m[1]!.trim());
  return [...new Set(found)];
}

function mimeOf(family: MediaFamily, kind: LibraryKind, streams: Streams | null, docType: string | null): string {
  const video = kind === 'video';
  switch (family) {
    case 'mpeg':
      return 'audio/mpeg';
    case 'ogg':
      return 'audio/ogg';
    case 'flac':
      return 'audio/flac';
    case 'wav':
      return 'audio/wav';
    case 'mp4':
      return streams?.quickTime ? 'video/quicktime' : video ? 'video/mp4' : 'audio/mp4';
    case 'matroska':
      if (docType === 'webm') return video ? 'video/webm' : 'audio/webm';
      return video ? 'video/x-matroska' : 'audio/x-matroska';
  }
}

async function read(path: string, size: number, ctx: ReadContext): Promise<ReadItem> {
  if (size === 0) throw fail('empty');
  let file: BoundedFile;
  try {
    file = await BoundedFile.open(path, { budget: WALK_BUDGET, signal: ctx.signal });
  } catch {
    throw fail('unreadable');
  }
  try {
    if (file.size === 0) throw fail('empty');
    const sniffed = await sniff(file);
    if (!sniffed) throw fail('mediaUnknown');

    let streams: Streams | null = null;
    let docType: string | null = null;
    if (sniffed.family === 'mp4') {
      const iso = await readIsoBmff(file);
      streams = isoStreams(iso);
    } else if (sniffed.family === 'matroska') {
      const mkv = await readMatroska(file);
      streams = matroskaStreams(mkv);
      docType = mkv.docType;
    }

    let meta: IAudioMetadata | null = null;
    try {
      meta = await readTags(path, sniffed, extname(path).toLowerCase(), ctx.signal);
    } catch (error) {
      if (error instanceof ReadAborted) throw error;
      // The container walk found the streams: the file plays; only its tags are unreadable.
      if (!streams) throw fail('mediaDamaged');
    }
    const format = meta?.format;
    const common = meta?.common;

    const hasVideo = streams ? streams.video : false;
    const hasAudio = streams ? streams.audio : Boolean(format?.hasAudio && format.sampleRate);
    if (!hasVideo && !hasAudio) throw fail(streams ? 'mediaNoStreams' : 'mediaDamaged');

    // A VBR MP3 without a Xing/VBRI header states no duration: estimated from its first frames.
    const durationS = streams?.durationS ?? format?.duration ?? sniffed.estimatedS;
    if (!hasVideo && (durationS === null || !Number.isFinite(durationS) || durationS <= 0)) throw fail('mediaDamaged');

    // An MP3's duration comes from its Xing/Info/VBRI header when it has one, and the header
    // states the stream's bytes too (or, for constant bitrate, bitrate × duration gives them):
    // the bytes on disk must be able to hold it. (Without such a header the duration is
    // computed from the file's size or by counting frames, so it is true anyway.)
    if (sniffed.family === 'mpeg' && durationS) {
      const audioBytes = file.size - sniffed.firstFrame - sniffed.id3v1Bytes;
      const cbr = format?.codecProfile === 'CBR' && format.bitrate ? (format.bitrate * durationS) / 8 : 0;
      const expected = sniffed.declaredBytes ?? cbr;
      const perSecond = expected / durationS;
      if (expected > 0 && audioBytes < expected * 0.9 && expected - audioBytes > perSecond) {
        const actual = clock((durationS * audioBytes) / expected);
        throw fail('mediaTruncatedDuration', { expected: clock(durationS), actual });
      }
    }

    const genres = common?.genre ?? [];
    const genreText = [...genres, ...nativeValues(meta, /^(category|catg)$/i)];
    const extension = extname(path).toLowerCase();
    const audiobook =
      extension === '.m4b' ||
      Boolean(streams?.audiobookBrand) ||
      common?.stik === 2 ||
      genreText.some((g) => AUDIOBOOK_WORDS.test(g));
    const podcast = Boolean(common?.podcast) || common?.stik === 21 || genreText.some((g) => PODCAST_WORDS.test(g));
    const kind: LibraryKind = audiobook ? 'audiobook' : hasVideo ? 'video' : 'audio';

    const item = emptyItem(kind, mimeOf(sniffed.family, kind, streams, docType));
    item.title = common?.title?.trim() || streams?.title || null;
    item.durationS =
      durationS !== null && Number.isFinite(durationS) && durationS > 0 ? Math.round(durationS * 1000) / 1000 : null;
    if (hasVideo) {
      item.width = streams?.width ?? null;
      item.height = streams?.height ?? null;
    }

    const artists = [...(common?.artists ?? (common?.artist ? [common.artist] : [])), common?.albumartist];
    if (!common?.artist && streams?.artist) artists.unshift(streams.artist);
    const narrators = nativeValues(meta, /^(narrator|narratedby|©nrt)$/i);
    if (audiobook) {
      addPeople(item.people, artists, 'author');
      addPeople(item.people, [...narrators, ...(common?.composer ?? [])], 'narrator');
    } else {
      addPeople(item.people, artists, podcast ? 'host' : 'speaker');
      addPeople(item.people, narrators, 'narrator');
    }

    item.publisher = common?.publisher?.[0]?.trim() || common?.label?.[0]?.trim() || null;
    const year = common?.year ?? Number(/^\d{4}/.exec(common?.date ?? '')?.[0] ?? NaN);
    item.year = Number.isInteger(year) && year > 0 && year <= 9999 ? year : (streams?.year ?? null);
    item.language = language(common?.language);
    const comments = (common?.comment ?? []).map((c) => c.text ?? '').filter(Boolean);
    const descriptions = [
      ...(common?.description ?? []),
      ...comments,
      ...nativeValues(meta, /^(comment|description|desc|©cmt|ldes)$/i),
    ]
      .map((d) => d.trim())
      .filter(Boolean);
    item.description = descriptions[0] ?? null;
    item.isbns = meta ? isbns(meta, descriptions) : [];
    addTags(item.tags, genres);
    if (common?.album && common.album.trim().toLowerCase() !== item.title?.toLowerCase())
      addTags(item.tags, [common.album]);
    item.cover = cover(common?.picture);

    // The container walk's chapters first: music-metadata 11 times an MP4 chapter track's samples
    // by its stts entries rather than its samples (three 2-second chapters in one stts entry come
    // out at 0, 2 and 2 s) and finds none when the moov box follows the media data.
    const fromTags = (format?.chapters ?? []).map((c, i): ContentsEntry => ({
      title: c.title?.trim() || String(i + 1),
      level: 0,
      startS: Math.max(0, Math.round((c.start / (c.timeScale || 1000)) * 1000) / 1000),
    }));
    item.contents = streams?.chapters.length ? streams.chapters : fromTags;
    return item;
  } catch (error) {
    if (error instanceof ReadFailure) throw error;
    if (error instanceof ReadAborted) throw fail('timeout');
    if (error instanceof MalformedMedia) throw fail(error.truncated ? 'mediaTruncated' : 'mediaDamaged');
    throw fail('mediaDamaged');
  } finally {
    await file.close();
  }
}

/** The audio and video reader. */
export const mediaReader: FileReader = { extensions: EXTENSIONS, read };
