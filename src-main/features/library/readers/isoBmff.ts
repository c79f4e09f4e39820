import type { ContentsEntry } from '../contract';
import { MalformedMedia, type BoundedFile } from './boundedFile';
import { ID3_GENRES } from './id3Genres';
import { MAX_COVER_BYTES } from './types';

/**
 * MP4, M4A/M4B, M4V and QuickTime MOV files, read from their box structure (ISO/IEC 14496-12,
 * the QuickTime File Format) with small bounded reads: the movie's duration (mvhd), each
 * track's kind (hdlr), codec (stsd), language (mdhd) and display size (tkhd, its matrix turning
 * a phone's upright video), chapters (a QuickTime chapter track, or Nero's `chpl`), the iTunes
 * tags (udta/meta/ilst, and QuickTime's moov/meta keys) with the cover, and QuickTime user data
 * titles (udta/©nam). Box headers are visited one by one and only small leaf boxes are read
 * whole: neither the media data nor the sample tables are ever read (but a chapter track's few
 * entries), wherever the moov box sits.
 *
 * Why not music-metadata for these: it loads every track's sample tables into memory (84 MB
 * and 1.8 s for a 20-hour M4B here, growing with the length), reports no duration for a video
 * without sound, reads no QuickTime titles, finds no chapters when the moov box follows the
 * media data, and throws on the chapter track of an ffmpeg M4B whose moov box comes first.
 */

export interface IsoTrack {
  id: number;
  /** hdlr's handler type: 'vide', 'soun', 'text', 'sbtl', … */
  handler: string;
  /** The first sample entry's format: 'avc1', 'mp4a', 'jpeg', … */
  codec: string | null;
  enabled: boolean;
  /** Display size, in pixels, after the track matrix (0 when the file gives none). */
  width: number;
  height: number;
  /** Track ids this track names as its chapters (tref/chap). */
  chapterTracks: number[];
  /** mdhd's ISO 639-2/T language ('ita'), null for 'und' or an old Macintosh code. */
  language: string | null;
}

/** The iTunes-style tags: texts by item ('©nam', 'aART', '----:narrator', …), numbers (stik, pcst), the cover. */
export interface IsoTags {
  texts: Map<string, string[]>;
  numbers: Map<string, number>;
  cover: { mime: string | null; data: Buffer } | null;
}

export interface IsoInfo {
  brands: string[];
  durationS: number | null;
  tracks: IsoTrack[];
  chapters: ContentsEntry[];
  /** QuickTime user data texts by their four-character type ('©nam', '©ART', …). */
  userData: Map<string, string>;
  tags: IsoTags;
}

interface Box {
  type: string;
  start: number;
  bodyStart: number;
  end: number;
}

/** Boxes a real file may begin with (a file whose first box is none of these is not ISO BMFF). */
export const ISO_FIRST_BOXES = new Set([
  'ftyp',
  'moov',
  'mdat',
  'free',
  'skip',
  'wide',
  'pnot',
  'styp',
  'uuid',
  'pdin',
]);

const MAX_BOXES = 20_000;
const MAX_LEAF = 1024 * 1024;
const MAX_CHAPTERS = 1000;
const MAX_ITEMS = 1000;
const MAX_TEXT = 64 * 1024;

/** QuickTime metadata keys (moov/meta/keys, as phones write them) by the iTunes item they mean. */
const QUICKTIME_KEYS: Record<string, string> = {
  'com.apple.quicktime.title': '©nam',
  'com.apple.quicktime.displayname': '©nam',
  'com.apple.quicktime.artist': '©ART',
  'com.apple.quicktime.author': '©ART',
  'com.apple.quicktime.album': '©alb',
  'com.apple.quicktime.genre': '©gen',
  'com.apple.quicktime.creationdate': '©day',
  'com.apple.quicktime.year': '©day',
  'com.apple.quicktime.description': 'desc',
  'com.apple.quicktime.comment': '©cmt',
  'com.apple.quicktime.publisher': '©pub',
};

class Walker {
  private boxes = 0;
  constructor(readonly file: BoundedFile) {}

  async header(offset: number, parentEnd: number): Promise<Box> {
    if (++this.boxes > MAX_BOXES) throw new MalformedMedia('too many boxes');
    const head = await this.file.readExact(offset, 8);
    let size = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    let headerSize = 8;
    if (size === 1) {
      const large = (await this.file.readExact(offset + 8, 8)).readBigUInt64BE(0);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedMedia('box too large');
      size = Number(large);
      headerSize = 16;
    } else if (size === 0) {
      size = parentEnd - offset;
    }
    if (size < headerSize) throw new MalformedMedia(`box ${JSON.stringify(type)} smaller than its header`);
    const end = offset + size;
    if (end > parentEnd) {
      throw new MalformedMedia(`box ${JSON.stringify(type)} runs past its container`, end > this.file.size);
    }
    return { type, start: offset, bodyStart: offset + headerSize, end };
  }

  async children(parent: { bodyStart: number; end: number }, skip = 0): Promise<Box[]> {
    const out: Box[] = [];
    let offset = parent.bodyStart + skip;
    // A few files pad a container with up to 7 zero bytes: too small for a box, not an error.
    while (offset + 8 <= parent.end) {
      const box = await this.header(offset, parent.end);
      out.push(box);
      offset = box.end;
    }
    return out;
  }

  async body(box: Box, limit = MAX_LEAF): Promise<Buffer> {
    const length = box.end - box.bodyStart;
    if (length > limit) throw new MalformedMedia(`box ${box.type} too large to read`);
    return this.file.readExact(box.bodyStart, length);
  }
}

const find = (boxes: Box[], type: string): Box | undefined => boxes.find((b) => b.type === type);

/** Reads the file's top-level boxes and its moov box. Throws MalformedMedia on anything that does not add up. */
export async function readIsoBmff(file: BoundedFile): Promise<IsoInfo> {
  const walker = new Walker(file);
  const top = await walker.children({ bodyStart: 0, end: file.size });
  const first = top[0];
  if (!first || !ISO_FIRST_BOXES.has(first.type)) throw new MalformedMedia('not an ISO media file');
  const info: IsoInfo = {
    brands: [],
    durationS: null,
    tracks: [],
    chapters: [],
    userData: new Map(),
    tags: { texts: new Map(), numbers: new Map(), cover: null },
  };

  const ftyp = find(top, 'ftyp');
  if (ftyp) {
    const body = await walker.body(ftyp, 4096);
    for (let at = 0; at + 4 <= body.length; at += 4)
      if (at !== 4) info.brands.push(body.toString('latin1', at, at + 4));
  }
  const moov = find(top, 'moov');
  if (!moov) throw new MalformedMedia('no moov box');
  const inMoov = await walker.children(moov);

  let timescale = 0;
  const mvhd = find(inMoov, 'mvhd');
  if (mvhd) {
    const b = await walker.body(mvhd, 4096);
    const v1 = b[0] === 1;
    if (b.length >= (v1 ? 32 : 20)) {
      timescale = b.readUInt32BE(v1 ? 20 : 12);
      const duration = v1 ? Number(b.readBigUInt64BE(24)) : b.readUInt32BE(16);
      const unknown = v1 ? b.readBigUInt64BE(24) === 0xffffffffffffffffn : duration === 0xffffffff;
      if (timescale > 0 && !unknown && duration > 0) info.durationS = duration / timescale;
    }
  }

  const chapterTables = new Map<number, { timescale: number; stbl: Box }>();
  for (const trak of inMoov.filter((b) => b.type === 'trak')) {
    const track = await readTrack(walker, trak, chapterTables);
    if (track) info.tracks.push(track);
  }

  const udta = find(inMoov, 'udta');
  let chpl: ContentsEntry[] = [];
  if (udta) {
    for (const box of await walker.children(udta)) {
      if (box.type.charCodeAt(0) === 0xa9 && box.end - box.bodyStart <= 64 * 1024) {
        const text = quickTimeText(await walker.body(box));
        if (text) info.userData.set(box.type, text);
      } else if (box.type === 'chpl') {
        chpl = neroChapters(await walker.body(box));
      } else if (box.type === 'meta') {
        await readMeta(walker, box, info.tags);
      }
    }
  }
  const moovMeta = find(inMoov, 'meta');
  if (moovMeta) await readMeta(walker, moovMeta, info.tags);

  // A QuickTime chapter track first (what Apple's audiobooks carry), Nero's list otherwise.
  const chapterId = info.tracks.flatMap((t) => t.chapterTracks)[0];
  const table = chapterId === undefined ? undefined : chapterTables.get(chapterId);
  if (table) info.chapters = await chapterTrack(walker, table.stbl, table.timescale);
  if (info.chapters.length === 0) info.chapters = chpl;
  return info;
}

async function readTrack(
  walker: Walker,
  trak: Box,
  chapterTables: Map<number, { timescale: number; stbl: Box }>,
): Promise<IsoTrack | null> {
  const inTrak = await walker.children(trak);
  const tkhd = find(inTrak, 'tkhd');
  if (!tkhd) return null;
  const t = await walker.body(tkhd, 4096);
  const v1 = t[0] === 1;
  // Version 0: flags, 4+4 times, id, reserved, 4 duration, 8 reserved, layer, group, volume,
  // reserved, 36 matrix, width, height (16.16). Version 1 has 8-byte times and duration.
  const base = v1 ? 12 : 0;
  if (t.length < 84 + base) throw new MalformedMedia('tkhd too short');
  const id = t.readUInt32BE(12 + (v1 ? 8 : 0));
  const enabled = (t.readUInt32BE(0) & 1) === 1;
  const a = t.readInt32BE(40 + base);
  const b = t.readInt32BE(44 + base);
  let width = Math.round(t.readUInt32BE(76 + base) / 65536);
  let height = Math.round(t.readUInt32BE(80 + base) / 65536);

  const chapterTracks: number[] = [];
  const tref = find(inTrak, 'tref');
  if (tref) {
    for (const ref of await walker.children(tref)) {
      if (ref.type !== 'chap') continue;
      const ids = await walker.body(ref, 4096);
      for (let at = 0; at + 4 <= ids.length; at += 4) chapterTracks.push(ids.readUInt32BE(at));
    }
  }

  let handler = '';
  let codec: string | null = null;
  let language: string | null = null;
  const mdia = find(inTrak, 'mdia');
  if (mdia) {
    const inMdia = await walker.children(mdia);
    const hdlr = find(inMdia, 'hdlr');
    if (hdlr) {
      const h = await walker.body(hdlr, 4096);
      if (h.length >= 12) handler = h.toString('latin1', 8, 12);
    }
    let timescale = 0;
    const mdhd = find(inMdia, 'mdhd');
    if (mdhd) {
      const m = await walker.body(mdhd, 4096);
      const at = m[0] === 1 ? 20 : 12;
      if (m.length >= at + 4) timescale = m.readUInt32BE(at);
      // After the duration (8 or 4 bytes): a packed ISO 639-2/T code, three letters of 5 bits.
      const lang = at + 4 + (m[0] === 1 ? 8 : 4);
      if (m.length >= lang + 2) {
        const packed = m.readUInt16BE(lang);
        const code = [10, 5, 0].map((shift) => String.fromCharCode(((packed >> shift) & 31) + 0x60)).join('');
        if (packed >= 0x400 && /^[a-z]{3}$/.test(code) && code !== 'und') language = code;
      }
    }
    const minf = find(inMdia, 'minf');
    const stbl = minf ? find(await walker.children(minf), 'stbl') : undefined;
    if (stbl) {
      const stsd = find(await walker.children(stbl), 'stsd');
      if (stsd) {
        // fullbox(4) count(4), then the first entry: size(4) format(4) …; a visual entry's
        // width and height sit 24 bytes into its body.
        const s = await walker.file.read(stsd.bodyStart, Math.min(stsd.end - stsd.bodyStart, 48));
        if (s.length >= 16 && s.readUInt32BE(4) > 0) codec = s.toString('latin1', 12, 16);
        if (handler === 'vide' && (width === 0 || height === 0) && s.length >= 44) {
          width = s.readUInt16BE(40);
          height = s.readUInt16BE(42);
        }
      }
      if (timescale > 0) chapterTables.set(id, { timescale, stbl });
    }
  }
  // The matrix turns the picture a quarter turn (a phone held upright): show it as it is seen.
  if (Math.abs(b) > Math.abs(a)) [width, height] = [height, width];
  return { id, handler, codec, enabled, width, height, chapterTracks, language };
}

/** A QuickTime user data text: entries of [length 2][language 2][text]; the first is taken. */
function quickTimeText(body: Buffer): string | null {
  if (body.length < 4) return null;
  const length = body.readUInt16BE(0);
  // iTunes-style boxes inside udta hold a 'data' box instead: not this kind.
  if (length === 0 || 4 + length > body.length) return null;
  const text = body
    .toString('utf8', 4, 4 + length)
    .replace(/\0+$/, '')
    .trim();
  return text || null;
}

/** Nero's chapter list: version, flags, [reserved 4 when version 1], count, then start (100 ns) + title. */
function neroChapters(body: Buffer): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  if (body.length < 5) return out;
  let at = body[0]! >= 1 ? 8 : 4;
  if (at >= body.length) return out;
  const count = body[at]!;
  at += 1;
  for (let i = 0; i < count && out.length < MAX_CHAPTERS; i++) {
    if (at + 9 > body.length) break;
    const start = Number(body.readBigUInt64BE(at)) / 1e7;
    const length = body[at + 8]!;
    at += 9;
    if (at + length > body.length) break;
    out.push(chapter(body.toString('utf8', at, at + length), start, out.length));
    at += length;
  }
  return out;
}

const chapter = (title: string, startS: number, index: number): ContentsEntry => ({
  title: title.replace(/\0/g, '').trim() || String(index + 1),
  level: 0,
  startS: Math.max(0, Math.round(startS * 1000) / 1000),
});

/** The samples of a QuickTime text track: each a 2-byte length and its text, timed by stts. */
async function chapterTrack(walker: Walker, stbl: Box, timescale: number): Promise<ContentsEntry[]> {
  const boxes = await walker.children(stbl);
  const stts = find(boxes, 'stts');
  const stsz = find(boxes, 'stsz');
  const stsc = find(boxes, 'stsc');
  const stco = find(boxes, 'stco') ?? find(boxes, 'co64');
  if (!stts || !stsz || !stsc || !stco) return [];
  const wide = stco.type === 'co64';

  // Only the first MAX_CHAPTERS samples' entries are read.
  const sz = await walker.file.read(stsz.bodyStart, 12 + 4 * MAX_CHAPTERS);
  if (sz.length < 12) return [];
  const fixed = sz.readUInt32BE(4);
  const count = Math.min(sz.readUInt32BE(8), MAX_CHAPTERS);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    if (fixed) sizes.push(fixed);
    else if (12 + 4 * i + 4 <= sz.length) sizes.push(sz.readUInt32BE(12 + 4 * i));
    else break;
  }

  const tt = await walker.file.read(stts.bodyStart, 8 + 8 * MAX_CHAPTERS);
  const starts: number[] = [];
  let time = 0;
  for (let e = 0, entries = tt.length >= 8 ? tt.readUInt32BE(4) : 0; e < entries && starts.length < sizes.length; e++) {
    if (8 + 8 * e + 8 > tt.length) break;
    const n = tt.readUInt32BE(8 + 8 * e);
    const delta = tt.readUInt32BE(12 + 8 * e);
    for (let k = 0; k < n && starts.length < sizes.length; k++, time += delta) starts.push(time);
  }

  const sc = await walker.file.read(stsc.bodyStart, 8 + 12 * MAX_CHAPTERS);
  const runs: { first: number; per: number }[] = [];
  for (let e = 0, entries = sc.length >= 8 ? sc.readUInt32BE(4) : 0; e < entries; e++) {
    if (8 + 12 * e + 12 > sc.length) break;
    runs.push({ first: sc.readUInt32BE(8 + 12 * e), per: sc.readUInt32BE(12 + 12 * e) });
  }
  const step = wide ? 8 : 4;
  const co = await walker.file.read(stco.bodyStart, 8 + step * MAX_CHAPTERS);
  const chunks: number[] = [];
  for (let e = 0, entries = co.length >= 8 ? co.readUInt32BE(4) : 0; e < entries; e++) {
    if (8 + step * e + step > co.length) break;
    chunks.push(wide ? Number(co.readBigUInt64BE(8 + step * e)) : co.readUInt32BE(8 + step * e));
  }

  const out: ContentsEntry[] = [];
  let sample = 0;
  for (let c = 0; c < chunks.length && sample < sizes.length; c++) {
    const run = runs.filter((r) => r.first <= c + 1).at(-1);
    if (!run || run.per === 0) break;
    let offset = chunks[c]!;
    for (let k = 0; k < run.per && sample < sizes.length; k++, sample++) {
      const size = sizes[sample]!;
      const data = await walker.file.read(offset, Math.min(size, 1024));
      offset += size;
      if (data.length < 2 || starts[sample] === undefined) continue;
      const length = Math.min(data.readUInt16BE(0), data.length - 2);
      const raw = data.subarray(2, 2 + length);
      const text =
        raw[0] === 0xfe && raw[1] === 0xff
          ? Buffer.from(raw.subarray(2, 2 + ((raw.length - 2) & ~1)))
              .swap16()
              .toString('utf16le')
          : raw[0] === 0xff && raw[1] === 0xfe
            ? raw.toString('utf16le', 2)
            : raw.toString('utf8');
      out.push(chapter(text, starts[sample]! / timescale, out.length));
    }
  }
  return out;
}

/**
 * A meta box: iTunes' (udta/meta: hdlr 'mdir' and ilst, items named by four characters or
 * '----' with a name) or QuickTime's (moov/meta: keys, and ilst items numbered by key).
 * ISO's meta is a full box (4 bytes of version and flags first); QuickTime's is not.
 */
async function readMeta(walker: Walker, meta: Box, tags: IsoTags): Promise<void> {
  const peek = await walker.file.read(meta.bodyStart, 8);
  const full = peek.length === 8 && peek.toString('latin1', 4, 8) !== 'hdlr';
  const boxes = await walker.children(meta, full ? 4 : 0);
  const keysBox = find(boxes, 'keys');
  const keys: string[] = [];
  if (keysBox) {
    const k = await walker.body(keysBox, MAX_LEAF);
    for (let at = 8, i = 0, count = k.length >= 8 ? k.readUInt32BE(4) : 0; i < count && at + 8 <= k.length; i++) {
      const size = k.readUInt32BE(at);
      if (size < 8 || at + size > k.length) break;
      keys.push(k.toString('utf8', at + 8, at + size));
      at += size;
    }
  }
  const ilst = find(boxes, 'ilst');
  if (!ilst) return;
  const items = await walker.children(ilst);
  for (const item of items.slice(0, MAX_ITEMS)) {
    let name = item.type;
    if (keysBox) {
      const key = keys[Buffer.from(item.type, 'latin1').readUInt32BE(0) - 1];
      name = key ? (QUICKTIME_KEYS[key.toLowerCase()] ?? `----:${key.toLowerCase()}`) : '';
      if (!name) continue;
    }
    await readItem(walker, item, name, tags);
  }
}

async function readItem(walker: Walker, item: Box, type: string, tags: IsoTags): Promise<void> {
  let name = type;
  for (const part of await walker.children(item)) {
    const size = part.end - part.bodyStart;
    if (part.type === 'name' && type === '----' && size <= 4 + 256) {
      name = `----:${(await walker.body(part)).toString('utf8', 4).toLowerCase()}`;
    }
    if (part.type !== 'data' || size < 8) continue;
    const head = await walker.file.readExact(part.bodyStart, 8);
    const kind = head.readUInt32BE(0) & 0xffffff;
    const valueStart = part.bodyStart + 8;
    const valueSize = part.end - valueStart;
    if (name === 'covr') {
      if (tags.cover || valueSize === 0 || valueSize > MAX_COVER_BYTES) continue;
      const mime = kind === 13 ? 'image/jpeg' : kind === 14 ? 'image/png' : kind === 27 ? 'image/bmp' : null;
      tags.cover = { mime, data: Buffer.from(await walker.file.readExact(valueStart, valueSize)) };
      continue;
    }
    if (valueSize > MAX_TEXT) continue;
    const value = await walker.file.readExact(valueStart, valueSize);
    if (name === 'gnre' && value.length >= 2) {
      const genre = ID3_GENRES[value.readUInt16BE(0) - 1];
      if (genre) addText(tags, '©gen', genre);
    } else if (kind === 1 || kind === 2) {
      const text =
        kind === 1
          ? value.toString('utf8')
          : Buffer.from(value.subarray(0, value.length & ~1))
              .swap16()
              .toString('utf16le');
      addText(tags, name, text);
    } else if ((kind === 21 || kind === 22 || kind === 0) && value.length >= 1 && value.length <= 4) {
      tags.numbers.set(name, value.readUIntBE(0, value.length));
    }
  }
}

function addText(tags: IsoTags, name: string, raw: string): void {
  const text = raw.replace(/\0+$/, '').trim();
  if (!text) return;
  const list = tags.texts.get(name) ?? [];
  if (!list.includes(text)) list.push(text);
  tags.texts.set(name, list);
}
