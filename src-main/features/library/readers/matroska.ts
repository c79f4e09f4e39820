import type { ContentsEntry } from '../contract';
import { MalformedMedia, type BoundedFile } from './boundedFile';

/**
 * What a Matroska or WebM file says about its tracks (kind, codec, picture size), its duration
 * and its chapters, read from the EBML structure with small bounded reads: the Segment's
 * children are visited header by header until the first Cluster (the media data), and Tracks,
 * Info or Chapters written after the clusters are reached through the SeekHead's positions.
 * A Cluster's content is never read. music-metadata 11 reports neither chapters nor, for
 * every file, the picture size.
 */

export interface MatroskaTrack {
  /** 1 video, 2 audio, 17 subtitle, … (Matroska's TrackType). */
  type: number;
  codec: string | null;
  enabled: boolean;
  width: number;
  height: number;
}

export interface MatroskaInfo {
  docType: string;
  durationS: number | null;
  title: string | null;
  tracks: MatroskaTrack[];
  chapters: ContentsEntry[];
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
} as const;

export const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

const MAX_TOP_ELEMENTS = 1000;
const MAX_MASTER = 4 * 1024 * 1024;
const MAX_CHAPTERS = 1000;
const MAX_DEPTH = 8;
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
  const wanted = new Set<number>([ID.info, ID.tracks, ID.chapters, ID.seekHead]);
  const readMaster = async (id: number, bodyStart: number, size: number) => {
    if (found.has(id) || size > MAX_MASTER) return;
    if (bodyStart + size > segment.end) throw new MalformedMedia('element runs past the segment', true);
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
    if (wanted.has(h.id)) await readMaster(h.id, at + h.headerSize, h.size);
    at += h.headerSize + h.size;
  }
  // What sits after the clusters, by the SeekHead's positions (relative to the Segment's data).
  for (const id of [ID.info, ID.tracks, ID.chapters]) {
    const position = seeks.get(id);
    if (found.has(id) || position === undefined) continue;
    const where = segment.start + position;
    if (where + 2 > segment.end) continue;
    const h = header(await file.read(where, 12), 0);
    if (h.id === id && h.size !== UNKNOWN) await readMaster(id, where + h.headerSize, h.size);
  }

  const info: MatroskaInfo = { docType, durationS: null, title: null, tracks: [], chapters: [] };
  const infoBody = found.get(ID.info);
  if (infoBody) {
    let scale = 1_000_000;
    let duration: number | null = null;
    for (const el of children(infoBody, 0, infoBody.length)) {
      if (el.id === ID.timestampScale) scale = uint(infoBody, el.start, el.end) || 1_000_000;
      if (el.id === ID.duration) duration = float(infoBody, el.start, el.end);
      if (el.id === ID.title) info.title = text(infoBody, el.start, el.end).trim() || null;
    }
    if (duration !== null && Number.isFinite(duration) && duration > 0) info.durationS = (duration * scale) / 1e9;
  }
  const tracksBody = found.get(ID.tracks);
  if (tracksBody) {
    for (const entry of children(tracksBody, 0, tracksBody.length)) {
      if (entry.id === ID.trackEntry) info.tracks.push(track(tracksBody, entry.start, entry.end));
    }
  }
  const chaptersBody = found.get(ID.chapters);
  if (chaptersBody) info.chapters = chapters(chaptersBody);
  return info;
}

function track(buf: Buffer, start: number, end: number): MatroskaTrack {
  const t: MatroskaTrack = { type: 0, codec: null, enabled: true, width: 0, height: 0 };
  for (const el of children(buf, start, end)) {
    if (el.id === ID.trackType) t.type = uint(buf, el.start, el.end);
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
