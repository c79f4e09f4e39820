import type { ContentsEntry } from '../contract';
import { MalformedMedia, type BoundedFile } from './boundedFile';
import { MAX_COVER_BYTES } from './types';

/**
 * What a Matroska or WebM file says about itself: its tracks (kind, codec, picture size), its
 * title and duration (Info), its chapters, its global tags (Tags' SimpleTags: ARTIST, DATE,
 * GENRE, …) and a cover among its attachments, read from the EBML structure with small bounded
 * reads: the Segment's children are visited header by header until the first Cluster (the media
 * data), and what is written after the clusters is reached through the SeekHead's positions.
 * A Cluster's content is never read.
 *
 * Why not music-metadata for these: it reports no chapters, and on a file without an index (a
 * live recording: clusters of unknown size, no SeekHead) it walks every cluster (1.5 s for
 * 200 MB here, so a long recording would run into the import's time limit).
 */

export interface MatroskaTrack {
  /** 1 video, 2 audio, 17 subtitle, … (Matroska's TrackType). */
  type: number;
  codec: string | null;
  enabled: boolean;
  width: number;
  height: number;
  /** The track's language when the file states one (Matroska's default, 'eng', is not taken as stated). */
  language: string | null;
}

export interface MatroskaInfo {
  docType: string;
  durationS: number | null;
  title: string | null;
  tracks: MatroskaTrack[];
  chapters: ContentsEntry[];
  /** Global tags by their upper-cased names ('ARTIST', 'DATE_RELEASED', …). */
  tags: Map<string, string[]>;
  /** The attached picture named cover (else the first attached picture), at most MAX_COVER_BYTES. */
  cover: { mime: string; data: Buffer } | null;
}

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  duration: 0x4489,
  title: 0x7ba9,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackType: 0x83,
  codecId: 0x86,
  flagEnabled: 0xb9,
  language: 0x22b59c,
  languageBcp47: 0x22b59d,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  displayWidth: 0x54b0,
  displayHeight: 0x54ba,
  displayUnit: 0x54b2,
  chapters: 0x1043a770,
  editionEntry: 0x45b9,
  editionFlagHidden: 0x45bd,
  editionFlagDefault: 0x45db,
  chapterAtom: 0xb6,
  chapterTimeStart: 0x91,
  chapterFlagHidden: 0x98,
  chapterFlagEnabled: 0x4598,
  chapterDisplay: 0x80,
  chapString: 0x85,
  cluster: 0x1f43b675,
  clusterTimestamp: 0xe7,
  tags: 0x1254c367,
  tag: 0x7373,
  targets: 0x63c0,
  tagTrackUid: 0x63c5,
  tagEditionUid: 0x63c9,
  tagChapterUid: 0x63c4,
  tagAttachmentUid: 0x63c6,
  simpleTag: 0x67c8,
  tagName: 0x45a3,
  tagString: 0x4487,
  attachments: 0x1941a469,
  attachedFile: 0x61a7,
  fileName: 0x466e,
  fileMediaType: 0x4660,
  fileData: 0x465c,
} as const;

export const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

const MAX_TOP_ELEMENTS = 1000;
const MAX_MASTER = 4 * 1024 * 1024;
const MAX_CHAPTERS = 1000;
const MAX_DEPTH = 8;
const MAX_ATTACHMENTS = 100;
const TAIL_SCAN = 1024 * 1024;
const CLUSTER_MAGIC = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);
/** A Tag's Targets naming one of these is about a part of the file, not the file. */
const TARGET_UIDS = new Set<number>([ID.tagTrackUid, ID.tagChapterUid, ID.tagAttachmentUid, ID.tagEditionUid]);
const UNKNOWN = -1;

interface Header {
  id: number;
  /** UNKNOWN when the element's size is "unknown" (a live recording's Segment or Cluster). */
  size: number;
  headerSize: number;
}

/** An EBML variable-length integer at `at`: its length and value (`keepMarker` for element IDs). */
function vint(buf: Buffer, at: number, keepMarker: boolean, maxLength: number): { length: number; value: number } {
  const first = buf[at];
  if (first === undefined || first === 0) throw new MalformedMedia('bad EBML number');
  const length = Math.clz32(first) - 23;
  if (length > maxLength) throw new MalformedMedia('bad EBML number');
  if (at + length > buf.length) throw new MalformedMedia('EBML number cut short');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = buf[at + i]!;
    allOnes &&= byte === 0xff;
    value = value * 256 + byte;
  }
  if (!keepMarker && allOnes) return { length, value: UNKNOWN };
  if (!Number.isSafeInteger(value)) throw new MalformedMedia('EBML number too large');
  return { length, value };
}

function header(buf: Buffer, at: number): Header {
  const id = vint(buf, at, true, 4);
  const size = vint(buf, at + id.length, false, 8);
  return { id: id.value, size: size.value, headerSize: id.length + size.length };
}

/** The children of a master element held in `buf` between `start` and `end`. */
function* children(buf: Buffer, start: number, end: number): Generator<{ id: number; start: number; end: number }> {
  let at = start;
  while (at < end) {
    const h = header(buf, at);
    if (h.size === UNKNOWN) throw new MalformedMedia('unknown size inside an element');
    const bodyStart = at + h.headerSize;
    const bodyEnd = bodyStart + h.size;
    if (bodyEnd > end) throw new MalformedMedia('element runs past its parent');
    yield { id: h.id, start: bodyStart, end: bodyEnd };
    at = bodyEnd;
  }
}

function uint(buf: Buffer, start: number, end: number): number {
  if (end - start > 8) throw new MalformedMedia('integer too long');
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + buf[i]!;
  return value;
}

function float(buf: Buffer, start: number, end: number): number | null {
  if (end - start === 4) return buf.readFloatBE(start);
  if (end - start === 8) return buf.readDoubleBE(start);
  return null;
}

const text = (buf: Buffer, start: number, end: number): string => buf.toString('utf8', start, end).replace(/\0+$/, '');

/** Reads the EBML header, then the Segment's Info, Tracks and Chapters. Throws MalformedMedia on damage. */
export async function readMatroska(file: BoundedFile): Promise<MatroskaInfo> {
  const head = await file.read(0, 64);
  const ebml = header(head, 0);
  if (ebml.id !== ID.ebml || ebml.size === UNKNOWN || ebml.size > 4096) throw new MalformedMedia('not EBML');
  const ebmlBody = await file.readExact(ebml.headerSize, ebml.size);
  let docType = 'matroska';
  for (const el of children(ebmlBody, 0, ebmlBody.length)) {
    if (el.id === ID.docType) docType = text(ebmlBody, el.start, el.end);
  }

  // The Segment follows the EBML header (Void elements may sit in between).
  let at = ebml.headerSize + ebml.size;
  let segment: { start: number; end: number } | null = null;
  for (let i = 0; i < 16 && at < file.size; i++) {
    const h = header(await file.read(at, 12), 0);
    if (h.id === ID.segment) {
      const start = at + h.headerSize;
      const end = h.size === UNKNOWN ? file.size : start + h.size;
      if (end > file.size) throw new MalformedMedia('segment runs past the end of the file', true);
      segment = { start, end };
      break;
    }
    if (h.size === UNKNOWN) break;
    at += h.headerSize + h.size;
  }
  if (!segment) throw new MalformedMedia('no segment');

  const found = new Map<number, Buffer>();
  const seeks = new Map<number, number>();
  const wanted = new Set<number>([ID.info, ID.tracks, ID.chapters, ID.tags, ID.seekHead]);
  let attachments: { start: number; end: number } | null = null;
  const readMaster = async (id: number, bodyStart: number, size: number) => {
    if (bodyStart + size > segment.end) throw new MalformedMedia('element runs past the segment', true);
    // Attachments can be large (fonts, pictures): walked header by header later.
    if (id === ID.attachments) attachments ??= { start: bodyStart, end: bodyStart + size };
    if (id === ID.attachments || found.has(id) || size > MAX_MASTER) return;
    const body = await file.readExact(bodyStart, size);
    found.set(id, body);
    if (id === ID.seekHead) {
      for (const seek of children(body, 0, body.length)) {
        if (seek.id !== ID.seek) continue;
        let target = 0;
        let position = -1;
        for (const el of children(body, seek.start, seek.end)) {
          if (el.id === ID.seekId && el.end - el.start <= 4) target = uint(body, el.start, el.end);
          if (el.id === ID.seekPosition) position = uint(body, el.start, el.end);
        }
        if (position >= 0 && !seeks.has(target)) seeks.set(target, position);
      }
    }
  };

  // Header by header up to the first Cluster.
  at = segment.start;
  for (let i = 0; i < MAX_TOP_ELEMENTS && at < segment.end; i++) {
    const h = header(await file.read(at, 12), 0);
    if (h.id === ID.cluster || h.size === UNKNOWN) break;
    if (wanted.has(h.id) || h.id === ID.attachments) await readMaster(h.id, at + h.headerSize, h.size);
    at += h.headerSize + h.size;
  }
  // What sits after the clusters, by the SeekHead's positions (relative to the Segment's data).
  for (const id of [ID.info, ID.tracks, ID.chapters, ID.tags, ID.attachments]) {
    const position = seeks.get(id);
    if (found.has(id) || (id === ID.attachments && attachments) || position === undefined) continue;
    const where = segment.start + position;
    if (where + 2 > segment.end) continue;
    const h = header(await file.read(where, 12), 0);
    if (h.id === id && h.size !== UNKNOWN) await readMaster(id, where + h.headerSize, h.size);
  }

  const info: MatroskaInfo = {
    docType,
    durationS: null,
    title: null,
    tracks: [],
    chapters: [],
    tags: new Map(),
    cover: null,
  };
  const infoBody = found.get(ID.info);
  let scale = 1_000_000;
  if (infoBody) {
    let duration: number | null = null;
    for (const el of children(infoBody, 0, infoBody.length)) {
      if (el.id === ID.timestampScale) scale = uint(infoBody, el.start, el.end) || 1_000_000;
      if (el.id === ID.duration) duration = float(infoBody, el.start, el.end);
      if (el.id === ID.title) info.title = text(infoBody, el.start, el.end).trim() || null;
    }
    if (duration !== null && Number.isFinite(duration) && duration > 0) info.durationS = (duration * scale) / 1e9;
  }
  info.durationS ??= await lastClusterTime(file, segment, scale);
  const tracksBody = found.get(ID.tracks);
  if (tracksBody) {
    for (const entry of children(tracksBody, 0, tracksBody.length)) {
      if (entry.id === ID.trackEntry) info.tracks.push(track(tracksBody, entry.start, entry.end));
    }
  }
  const chaptersBody = found.get(ID.chapters);
  if (chaptersBody) info.chapters = chapters(chaptersBody);
  const tagsBody = found.get(ID.tags);
  if (tagsBody) info.tags = globalTags(tagsBody);
  if (attachments) info.cover = await attachedCover(file, attachments);
  return info;
}

/**
 * A live recording states no duration: its last Cluster's timestamp, found in the file's last
 * megabyte, tells it to within one cluster (a few seconds).
 */
async function lastClusterTime(
  file: BoundedFile,
  segment: { start: number; end: number },
  scale: number,
): Promise<number | null> {
  const from = Math.max(segment.start, segment.end - TAIL_SCAN);
  const tail = await file.read(from, segment.end - from);
  for (let at = tail.lastIndexOf(CLUSTER_MAGIC); at >= 0; at = at > 0 ? tail.lastIndexOf(CLUSTER_MAGIC, at - 1) : -1) {
    try {
      // The Timestamp comes first, after a CRC-32 or a Void element at most.
      let p = at + header(tail, at).headerSize;
      for (let i = 0; i < 3 && p < tail.length; i++) {
        const h = header(tail, p);
        const start = p + h.headerSize;
        if (h.size === UNKNOWN || h.size > 8 || start + h.size > tail.length) break;
        if (h.id === ID.clusterTimestamp) {
          const seconds = (uint(tail, start, start + h.size) * scale) / 1e9;
          if (Number.isFinite(seconds) && seconds > 0) return seconds;
          break;
        }
        p = start + h.size;
      }
    } catch {
      // Four bytes that only looked like a Cluster's ID: keep looking further back.
    }
  }
  return null;
}

/** The SimpleTags of Tag elements that target no one track, chapter or attachment (the file's own). */
function globalTags(buf: Buffer): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (start: number, end: number, depth: number) => {
    let name = '';
    let value = '';
    for (const el of children(buf, start, end)) {
      if (el.id === ID.tagName) name = text(buf, el.start, el.end).trim().toUpperCase();
      else if (el.id === ID.tagString) value = text(buf, el.start, el.end).trim();
      else if (el.id === ID.simpleTag && depth < MAX_DEPTH) add(el.start, el.end, depth + 1);
    }
    if (!name || !value) return;
    const list = out.get(name) ?? [];
    if (!list.includes(value)) list.push(value);
    out.set(name, list);
  };
  for (const tag of children(buf, 0, buf.length)) {
    if (tag.id !== ID.tag) continue;
    const parts = [...children(buf, tag.start, tag.end)];
    const targets = parts.find((p) => p.id === ID.targets);
    const targeted =
      targets !== undefined &&
      [...children(buf, targets.start, targets.end)].some(
        (t) => TARGET_UIDS.has(t.id) && uint(buf, t.start, t.end) !== 0,
      );
    if (targeted) continue;
    for (const part of parts) if (part.id === ID.simpleTag) add(part.start, part.end, 0);
  }
  return out;
}

/** Attached files, header by header: the picture named cover*, else the first picture, if small enough. */
async function attachedCover(
  file: BoundedFile,
  range: { start: number; end: number },
): Promise<{ mime: string; data: Buffer } | null> {
  let best: { mime: string; at: number; size: number; named: boolean } | null = null;
  let at = range.start;
  for (let i = 0; i < MAX_ATTACHMENTS && at < range.end; i++) {
    const h = header(await file.read(at, 12), 0);
    if (h.size === UNKNOWN || at + h.headerSize + h.size > range.end) throw new MalformedMedia('bad attachment');
    const bodyStart = at + h.headerSize;
    at = bodyStart + h.size;
    if (h.id !== ID.attachedFile) continue;
    let name = '';
    let mime = '';
    let data: { at: number; size: number } | null = null;
    for (let p = bodyStart; p < at;) {
      const c = header(await file.read(p, 12), 0);
      const start = p + c.headerSize;
      if (c.size === UNKNOWN || start + c.size > at) throw new MalformedMedia('bad attached file');
      if ((c.id === ID.fileName || c.id === ID.fileMediaType) && c.size <= 1024) {
        const value = (await file.readExact(start, c.size)).toString('utf8').replace(/\0+$/, '').trim();
        if (c.id === ID.fileName) name = value.toLowerCase();
        else mime = value.toLowerCase();
      } else if (c.id === ID.fileData) {
        data = { at: start, size: c.size };
      }
      p = start + c.size;
    }
    if (!data || !mime.startsWith('image/') || data.size === 0 || data.size > MAX_COVER_BYTES) continue;
    const named = name.startsWith('cover');
    if (!best || (named && !best.named)) best = { mime, ...data, named };
    if (named) break;
  }
  if (!best) return null;
  return { mime: best.mime, data: Buffer.from(await file.readExact(best.at, best.size)) };
}

function track(buf: Buffer, start: number, end: number): MatroskaTrack {
  const t: MatroskaTrack = { type: 0, codec: null, enabled: true, width: 0, height: 0, language: null };
  for (const el of children(buf, start, end)) {
    if (el.id === ID.trackType) t.type = uint(buf, el.start, el.end);
    else if (el.id === ID.languageBcp47) t.language = text(buf, el.start, el.end).trim() || t.language;
    else if (el.id === ID.language && !t.language) t.language = text(buf, el.start, el.end).trim() || null;
    else if (el.id === ID.codecId) t.codec = text(buf, el.start, el.end);
    else if (el.id === ID.flagEnabled) t.enabled = uint(buf, el.start, el.end) !== 0;
    else if (el.id === ID.video) {
      let pixel = [0, 0];
      let display = [0, 0];
      let unit = 0;
      for (const v of children(buf, el.start, el.end)) {
        if (v.id === ID.pixelWidth) pixel = [uint(buf, v.start, v.end), pixel[1]!];
        else if (v.id === ID.pixelHeight) pixel = [pixel[0]!, uint(buf, v.start, v.end)];
        else if (v.id === ID.displayWidth) display = [uint(buf, v.start, v.end), display[1]!];
        else if (v.id === ID.displayHeight) display = [display[0]!, uint(buf, v.start, v.end)];
        else if (v.id === ID.displayUnit) unit = uint(buf, v.start, v.end);
      }
      // The display size when it is given in pixels (a non-square pixel's picture), else the coded one.
      const [w, h] = unit === 0 && display[0]! > 0 && display[1]! > 0 ? display : pixel;
      t.width = w!;
      t.height = h!;
    }
  }
  return t;
}

/** The default edition's chapters (the first edition when none is marked), nested atoms one level deeper. */
function chapters(buf: Buffer): ContentsEntry[] {
  const editions = [...children(buf, 0, buf.length)].filter((el) => el.id === ID.editionEntry);
  const flag = (el: { start: number; end: number }, id: number) => {
    for (const c of children(buf, el.start, el.end)) if (c.id === id) return uint(buf, c.start, c.end) !== 0;
    return false;
  };
  const visible = editions.filter((e) => !flag(e, ID.editionFlagHidden));
  const edition = visible.find((e) => flag(e, ID.editionFlagDefault)) ?? visible[0];
  const out: ContentsEntry[] = [];
  const walk = (start: number, end: number, level: number) => {
    if (level >= MAX_DEPTH) return;
    for (const atom of children(buf, start, end)) {
      if (atom.id !== ID.chapterAtom || out.length >= MAX_CHAPTERS) continue;
      let startNs = 0;
      let title = '';
      let hidden = false;
      for (const el of children(buf, atom.start, atom.end)) {
        if (el.id === ID.chapterTimeStart) startNs = uint(buf, el.start, el.end);
        else if (el.id === ID.chapterFlagHidden) hidden = uint(buf, el.start, el.end) !== 0;
        else if (el.id === ID.chapterFlagEnabled) hidden ||= uint(buf, el.start, el.end) === 0;
        else if (el.id === ID.chapterDisplay && !title) {
          for (const d of children(buf, el.start, el.end)) {
            if (d.id === ID.chapString) title = text(buf, d.start, d.end).trim();
          }
        }
      }
      if (hidden) continue;
      out.push({
        title: title || String(out.length + 1),
        level,
        startS: Math.round(startNs / 1e6) / 1000,
      });
      walk(atom.start, atom.end, level + 1);
    }
  };
  if (edition) walk(edition.start, edition.end, 0);
  return out;
}
