import { openAsBlob } from 'node:fs';
import { extname } from 'node:path';
import { parseBlob, parseFile, selectCover, type IAudioMetadata, type IOptions } from 'music-metadata';
import type { ContentsEntry, LibraryKind, PersonRole } from '../contract';
import { BoundedFile, MalformedMedia, ReadAborted } from './boundedFile';
import { readIsoBmff, type IsoInfo } from './isoBmff';
import { readMatroska, type MatroskaInfo } from './matroska';
import { sniff, type MediaFamily } from './mediaSniff';
import { emptyItem, MAX_COVER_BYTES, ReadFailure, type FileReader, type ReadContext, type ReadItem } from './types';

/**
 * Audio (MP3, M4A/M4B, OGG/Opus, FLAC, WAV) and video (MP4/M4V, MOV, MKV, WebM) files.
 *
 * 1. The first bytes say what the file is (mediaSniff.ts), whatever its name; anything else is
 *    refused before a parser sees it.
 * 2. MP4/M4A/M4B/M4V/MOV are read entirely by isoBmff.ts: streams, picture size, duration,
 *    chapters, iTunes tags and cover, with small bounded reads (see there why not music-metadata).
 * 3. Matroska/WebM are read entirely by matroska.ts the same way (see there why not music-metadata).
 * 4. MP3, Ogg, FLAC, WAV: music-metadata 11 reads tags, duration and cover, streaming from the
 *    file by random access (never the whole file; 28 ms for a 200 MB MP3 here).
 *
 * Kind: 'audiobook' for an .m4b, an M4B brand, iTunes' audiobook media type (stik 2) or a genre
 * that says audiobook (in English, Italian, German, French, Spanish, Portuguese); else 'video'
 * when a real picture track is there (not cover art or chapter images); else 'audio'. People:
 * an audiobook's artists are its authors and its composer or NARRATOR tag its narrator; a
 * podcast's (genre Podcast, iTunes' podcast flag or stik 21) artists are hosts; anyone else's
 * artists are speakers. The album goes into the tags with the genres (unless it repeats the
 * title).
 *
 * Failures, all `library.failures.*`: `empty` (0 bytes), `unreadable` (cannot be opened),
 * `mediaUnknown` (not audio or video read here: random bytes, text), `mediaTruncated` (shorter
 * than its own structure says), `mediaTruncatedDuration` (an MP3 shorter than its header's
 * duration, with both times), `mediaDamaged` (a structure that does not add up, or a parser that
 * gave up), `mediaNoStreams` (a valid container with neither sound nor picture), `timeout`.
 *
 * A truncated file fails rather than being imported with a flag: its headers claim a duration
 * the file cannot play (a 10-minute MP3 cut after 3 minutes still says 10), ReadItem has no
 * place for a warning, and the seller can fix it only by getting the whole file again.
 * Detected: MP3 (bytes on disk against the Xing/Info/VBRI header's byte count, or constant
 * bitrate × duration), WAV (the data chunk's size), MP4/MOV (a box running past the end),
 * Matroska/WebM (a Segment of known size running past the end), FLAC (metadata blocks running
 * past the end). Not detected: a FLAC cut inside its audio (nothing states its byte count) and
 * an Ogg file (its duration comes from its last page, so it is true anyway).
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

/** The types music-metadata is told for the families it reads. */
const PARSER_MIME: Record<'mpeg' | 'ogg' | 'flac' | 'wav', string> = {
  mpeg: 'audio/mpeg',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  wav: 'audio/wav',
};

/** Bytes the container walkers may read from one file: headers, small boxes and one cover. */
const WALK_BUDGET = 16 * 1024 * 1024 + MAX_COVER_BYTES;
/** Metadata in front of the audio larger than this is parsed without its pictures (a cover cannot be that big). */
const COVER_SCAN_LIMIT = 4 * MAX_COVER_BYTES;

/** Sample-entry codecs of a "video" track that is really still pictures (chapter images, cover art). */
const PICTURE_CODECS = new Set(['jpeg', 'png ', 'gif ', 'mjpa', 'mjpb', 'tiff', 'bmp ']);

const AUDIOBOOK_WORDS = /\b(audio ?books?|audiolibr[oi]s?|h(?:ö|oe)rb(?:u|ü)ch|livres? audio|audiolivros?)\b/i;
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

/** The tags of any family, as the rest of the reader uses them. */
interface Tags {
  title: string | null;
  artists: string[];
  composers: string[];
  narrators: string[];
  album: string | null;
  year: number | null;
  genres: string[];
  language: string | null;
  descriptions: string[];
  publisher: string | null;
  isbns: string[];
  /** iTunes' media type (stik): 2 audiobook, 21 podcast. */
  mediaType: number | null;
  podcast: boolean;
  cover: { data: Uint8Array } | null;
}

const yearOf = (text: string | undefined | null): number | null => {
  const year = Number(/^\s*(\d{4})/.exec(text ?? '')?.[1] ?? NaN);
  return Number.isInteger(year) && year > 0 ? year : null;
};

const clean = (values: (string | undefined | null)[]): string[] =>
  values.map((v) => v?.replace(/\s+/g, ' ').trim() ?? '').filter((v) => v !== '');

const valueText = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return null;
};

/** Native tags by a name, whatever the format writes before it ('TXXX:NARRATOR', 'NARRATOR'). */
function nativeValues(meta: IAudioMetadata, names: RegExp): string[] {
  const out: string[] = [];
  for (const tags of Object.values(meta.native)) {
    for (const tag of tags) {
      const name = tag.id.split(':').at(-1) ?? tag.id;
      if (names.test(name)) out.push(valueText(tag.value) ?? '');
    }
  }
  return clean(out);
}

function fromMusicMetadata(meta: IAudioMetadata): Tags {
  const c = meta.common;
  const picture = selectCover(c.picture);
  return {
    title: c.title ?? null,
    artists: clean([...(c.artists ?? (c.artist ? [c.artist] : [])), c.albumartist]),
    composers: clean(c.composer ?? []),
    narrators: nativeValues(meta, /^(narrator|narratedby)$/i),
    album: c.album ?? null,
    year: c.year && c.year > 0 ? c.year : yearOf(c.date),
    genres: clean(c.genre ?? []),
    language: c.language ?? null,
    descriptions: clean([
      ...(c.description ?? []),
      ...(c.comment ?? []).map((x) => x.text),
      ...nativeValues(meta, /^(comment|description)$/i),
    ]),
    publisher: clean([...(c.publisher ?? []), ...(c.label ?? [])])[0] ?? null,
    isbns: [
      ...nativeValues(meta, /^isbn(-?1[03])?$/i),
      ...(/^97[89]\d{10}$/.test(c.barcode?.replace(/[\s-]/g, '') ?? '') ? [c.barcode!] : []),
    ],
    mediaType: c.stik ?? null,
    podcast: Boolean(c.podcast),
    cover: picture ? { data: picture.data } : null,
  };
}

function fromMatroska(mkv: MatroskaInfo): Tags {
  const t = (...names: string[]) => names.flatMap((name) => mkv.tags.get(name) ?? []);
  const sound = mkv.tracks.find((track) => track.type === 2 && track.language);
  return {
    title: mkv.title ?? t('TITLE')[0] ?? null,
    artists: clean(t('ARTIST', 'LEAD_PERFORMER', 'AUTHOR')),
    composers: t('COMPOSER'),
    narrators: t('NARRATOR', 'NARRATED_BY', 'NARRATEDBY'),
    album: t('ALBUM')[0] ?? null,
    year: yearOf(t('DATE_RELEASED', 'DATE_RECORDED', 'DATE', 'YEAR')[0]),
    genres: t('GENRE'),
    language: sound?.language ?? null,
    descriptions: t('DESCRIPTION', 'SUMMARY', 'SYNOPSIS', 'COMMENT'),
    publisher: t('PUBLISHER', 'LABEL')[0] ?? null,
    isbns: t('ISBN'),
    mediaType: null,
    podcast: false,
    cover: mkv.cover,
  };
}

function fromIso(iso: IsoInfo): Tags {
  const t = (name: string) => iso.tags.texts.get(name) ?? [];
  const udta = (name: string) => clean([iso.userData.get(name)]);
  const sound = iso.tracks.find((track) => track.handler === 'soun');
  return {
    title: t('©nam')[0] ?? udta('©nam')[0] ?? null,
    artists: clean([...t('©ART'), ...t('aART'), ...udta('©ART'), ...udta('©aut')]),
    composers: t('©wrt'),
    narrators: [...t('©nrt'), ...t('----:narrator')],
    album: t('©alb')[0] ?? null,
    year: yearOf(t('©day')[0] ?? udta('©day')[0]),
    genres: t('©gen'),
    language: t('----:language')[0] ?? sound?.language ?? null,
    descriptions: [...t('desc'), ...t('ldes'), ...t('©cmt'), ...t('----:description'), ...udta('©des')],
    publisher: t('©pub')[0] ?? t('----:publisher')[0] ?? t('----:label')[0] ?? null,
    isbns: [...t('----:isbn')],
    mediaType: iso.tags.numbers.get('stik') ?? null,
    podcast: Boolean(iso.tags.numbers.get('pcst')),
    cover: iso.tags.cover,
  };
}

/**
 * music-metadata's reading of an MP3, Ogg, FLAC or WAV file. A file whose name says another
 * family than its content is read through a Blob of the content's type (parseFile picks its
 * parser by the name).
 */
async function readTags(
  path: string,
  family: keyof typeof PARSER_MIME,
  headerBytes: number,
  signal: AbortSignal,
): Promise<IAudioMetadata> {
  const extension = extname(path).toLowerCase() as (typeof EXTENSIONS)[number];
  const options: IOptions = { duration: false, skipCovers: headerBytes > COVER_SCAN_LIMIT };
  const work =
    FAMILY_OF_EXTENSION[extension] === family
      ? parseFile(path, options)
      : openAsBlob(path, { type: PARSER_MIME[family] }).then((blob) => parseBlob(blob, options));
  return abortable(work, signal);
}

interface Streams {
  audio: boolean;
  video: boolean;
  width: number | null;
  height: number | null;
  durationS: number | null;
  chapters: ContentsEntry[];
  title: string | null;
  audiobookBrand: boolean;
  quickTime: boolean;
}

function isoStreams(iso: IsoInfo): Streams {
  const picture = iso.tracks.find(
    (t) => t.handler === 'vide' && t.enabled && t.width > 0 && t.height > 0 && !PICTURE_CODECS.has(t.codec ?? ''),
  );
  const chapterIds = new Set(iso.tracks.flatMap((t) => t.chapterTracks));
  return {
    audio: iso.tracks.some((t) => t.handler === 'soun' && !chapterIds.has(t.id)),
    video: picture !== undefined,
    width: picture?.width ?? null,
    height: picture?.height ?? null,
    durationS: iso.durationS,
    chapters: iso.chapters,
    title: null,
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

function cover(picture: Tags['cover']): ReadItem['cover'] {
  if (!picture || picture.data.length === 0 || picture.data.length > MAX_COVER_BYTES) return null;
  const mime = imageMime(picture.data);
  return mime ? { mime, data: Uint8Array.from(picture.data) } : null;
}

/** A language as a BCP 47 tag: ID3's 'ita' becomes 'it'; 'und', 'XXX' and the like are none. */
function language(raw: string | null): string | null {
  const value = raw?.trim();
  if (!value || /^(und|zxx|mul|mis|xxx)$/i.test(value)) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}

function addPeople(people: ReadItem['people'], names: string[], role: PersonRole) {
  for (const name of names) {
    if (name.length > 200 || people.some((p) => p.name.toLowerCase() === name.toLowerCase())) continue;
    people.push({ name, role });
  }
}

function addTags(tags: string[], values: string[]) {
  for (const value of values) {
    const tag = value.slice(0, 40).trim();
    if (!tag || tags.length >= 30 || tags.some((t) => t.toLowerCase() === tag.toLowerCase())) continue;
    tags.push(tag);
  }
}

function mimeOf(family: MediaFamily, video: boolean, streams: Streams | null, docType: string | null): string {
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
    let tags: Tags;
    let format: IAudioMetadata['format'] | null = null;
    if (sniffed.family === 'mp4') {
      const iso = await readIsoBmff(file);
      streams = isoStreams(iso);
      tags = fromIso(iso);
    } else if (sniffed.family === 'matroska') {
      const mkv = await readMatroska(file);
      streams = matroskaStreams(mkv);
      tags = fromMatroska(mkv);
      docType = mkv.docType;
    } else {
      let meta: IAudioMetadata;
      try {
        meta = await readTags(path, sniffed.family, sniffed.headerBytes, ctx.signal);
      } catch (error) {
        if (error instanceof ReadAborted) throw error;
        throw fail('mediaDamaged');
      }
      tags = fromMusicMetadata(meta);
      format = meta.format;
    }

    const hasVideo = streams ? streams.video : false;
    const hasAudio = streams ? streams.audio : Boolean(format?.hasAudio && format.sampleRate);
    if (!hasVideo && !hasAudio) throw fail(streams ? 'mediaNoStreams' : 'mediaDamaged');

    // A VBR MP3 without a Xing/VBRI header states no duration: it is estimated from its first frames.
    const stated = streams?.durationS ?? format?.duration ?? sniffed.estimatedS;
    const durationS = stated !== null && Number.isFinite(stated) && stated > 0 ? stated : null;
    if (!hasVideo && durationS === null) throw fail('mediaDamaged');

    // An MP3's duration comes from its Xing/Info/VBRI header when it has one, and the header
    // states the stream's bytes too (or, at a constant bitrate, bitrate × duration gives them):
    // the bytes on disk must be able to hold it. (Without such a header the duration is
    // computed from the file's size, so it is true anyway.)
    if (sniffed.family === 'mpeg' && durationS !== null) {
      const audioBytes = file.size - sniffed.firstFrame - sniffed.id3v1Bytes;
      const cbr = format?.codecProfile === 'CBR' && format.bitrate ? (format.bitrate * durationS) / 8 : 0;
      const expected = sniffed.declaredBytes ?? cbr;
      if (expected > 0 && audioBytes < expected * 0.9 && expected - audioBytes > expected / durationS) {
        const actual = clock((durationS * audioBytes) / expected);
        throw fail('mediaTruncatedDuration', { expected: clock(durationS), actual });
      }
    }

    const t = tags;
    const audiobook =
      extname(path).toLowerCase() === '.m4b' ||
      Boolean(streams?.audiobookBrand) ||
      t.mediaType === 2 ||
      t.genres.some((g) => AUDIOBOOK_WORDS.test(g));
    const podcast = t.podcast || t.mediaType === 21 || t.genres.some((g) => PODCAST_WORDS.test(g));
    const kind: LibraryKind = audiobook ? 'audiobook' : hasVideo ? 'video' : 'audio';

    const item = emptyItem(kind, mimeOf(sniffed.family, hasVideo, streams, docType));
    // The contract's limit for a title.
    item.title = clean([t.title])[0]?.slice(0, 500) ?? null;
    item.durationS = durationS === null ? null : Math.round(durationS * 1000) / 1000;
    if (hasVideo) {
      item.width = streams?.width ?? null;
      item.height = streams?.height ?? null;
    }
    if (audiobook) {
      addPeople(item.people, t.artists, 'author');
      addPeople(item.people, [...t.narrators, ...t.composers], 'narrator');
    } else {
      addPeople(item.people, t.artists, podcast ? 'host' : 'speaker');
      addPeople(item.people, t.narrators, 'narrator');
    }
    item.publisher = t.publisher;
    item.year = t.year !== null && t.year <= 9999 ? t.year : null;
    item.language = language(t.language);
    item.description = t.descriptions[0] ?? null;
    const inText = t.descriptions.flatMap((d) => [...d.matchAll(ISBN_IN_TEXT)].map((m) => m[1]!.trim()));
    item.isbns = [...new Set([...t.isbns, ...inText])];
    addTags(item.tags, t.genres);
    if (t.album && t.album.toLowerCase() !== item.title?.toLowerCase()) addTags(item.tags, [t.album]);
    item.cover = cover(t.cover);
    item.contents = streams?.chapters ?? [];
    // Damaged headers can state a duration of 0, a negative or an impossible one: none is better than that.
    if (item.durationS !== null && !(Number.isFinite(item.durationS) && item.durationS > 0)) item.durationS = null;
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
