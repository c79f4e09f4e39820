import { MalformedMedia, type BoundedFile } from './boundedFile';
import { ISO_FIRST_BOXES } from './isoBmff';
import { EBML_MAGIC } from './matroska';

/**
 * What kind of media file this is, told by its first bytes rather than its name (a misnamed
 * file is read as what it is; random bytes or text named .mp3 are refused before any parser
 * sees them: music-metadata 11 reads random bytes named .mp3 as "ADTS/MPEG-2" with a bitrate).
 */
export type MediaFamily = 'mpeg' | 'mp4' | 'ogg' | 'flac' | 'wav' | 'matroska';

export interface Sniffed {
  family: MediaFamily;
  /** Bytes taken by ID3v2 tags in front of the audio (MP3, sometimes FLAC). */
  id3Bytes: number;
  /** MP3: bytes taken by an ID3v1 tag at the end. */
  id3v1Bytes: number;
  /** Bytes of metadata in front of the media (ID3v2 tags, FLAC's metadata blocks). */
  headerBytes: number;
  /** MP3: where the first audio frame starts. */
  firstFrame: number;
  /** MP3: the stream's length in bytes as its Xing/Info or VBRI header states it. */
  declaredBytes: number | null;
  /** MP3: the duration at the average size of the first frames (for a file whose header states none). */
  estimatedS: number | null;
}

/** How many consecutive MPEG audio frames must follow each other for a file to count as MP3. */
const MPEG_RUN = 4;
const PROBE = 64 * 1024;

const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 25: [11025, 12000, 8000] };

/** The length in bytes of the MPEG audio frame whose header starts at `at`, or 0 when it is not one. */
export function mpegFrameLength(buf: Buffer, at: number): number {
  return mpegFrame(buf, at)?.length ?? 0;
}

/** The MPEG audio frame whose header starts at `at`: its length in bytes, samples and sample rate. */
function mpegFrame(buf: Buffer, at: number): { length: number; samples: number; rate: number } | null {
  if (at + 4 > buf.length) return null;
  const b1 = buf[at]!;
  const b2 = buf[at + 1]!;
  const b3 = buf[at + 2]!;
  if (b1 !== 0xff || (b2 & 0xe0) !== 0xe0) return null;
  const versionBits = (b2 >> 3) & 3;
  const layerBits = (b2 >> 1) & 3;
  if (versionBits === 1 || layerBits === 0) return null;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 25;
  const layer = 4 - layerBits;
  const bitrateIndex = b3 >> 4;
  const rateIndex = (b3 >> 2) & 3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const kbps = BITRATES[`${version === 1 ? 1 : 2}-${layer}`]![bitrateIndex]!;
  const rate = SAMPLE_RATES[version][rateIndex]!;
  const padding = (b3 >> 1) & 1;
  if (layer === 1) return { length: (Math.floor((12 * kbps * 1000) / rate) + padding) * 4, samples: 384, rate };
  const half = layer === 3 && version !== 1;
  return { length: Math.floor(((half ? 72 : 144) * kbps * 1000) / rate) + padding, samples: half ? 576 : 1152, rate };
}

/**
 * The duration an MP3 without a Xing/VBRI header would have at the average frame size of the
 * frames in the probe (what players show for such a file; counting every frame would read the
 * whole file, at about a second per 1 MB in music-metadata).
 */
function estimateSeconds(buf: Buffer, first: number, audioBytes: number): number | null {
  let frames = 0;
  let bytes = 0;
  let seconds = 0;
  for (let at = first; ;) {
    const frame = mpegFrame(buf, at);
    if (!frame || at + frame.length > buf.length) break;
    frames++;
    bytes += frame.length;
    seconds += frame.samples / frame.rate;
    at += frame.length;
  }
  return frames ? (audioBytes / bytes) * seconds : null;
}

/**
 * Where a run of MPEG_RUN frames (or fewer that end exactly at the end of the file) starts
 * within the probe, or -1.
 */
function mpegStart(buf: Buffer, fileEndInBuf: number | null): number {
  for (let at = 0; at + 4 <= buf.length; at++) {
    if (buf[at] !== 0xff) continue;
    let pos = at;
    let frames = 0;
    let head: number | null = null;
    while (frames < MPEG_RUN) {
      const length = mpegFrameLength(buf, pos);
      // Later frames must keep the first one's version, layer and sample rate.
      const key = length ? (buf[pos + 1]! & 0xfe) * 4 + ((buf[pos + 2]! >> 2) & 3) : -1;
      if (!length || (head !== null && key !== head)) break;
      head = key;
      pos += length;
      frames++;
      if (fileEndInBuf !== null && pos === fileEndInBuf) return at;
      if (pos + 4 > buf.length) return fileEndInBuf === null && frames >= 2 ? at : -1;
    }
    if (frames >= MPEG_RUN) return at;
  }
  return -1;
}

/**
 * The stream length an encoder wrote into the first frame: LAME's Xing/Info header (after the
 * side information) or Fraunhofer's VBRI header (32 bytes in), when it carries the byte count.
 */
function declaredBytes(buf: Buffer, at: number): number | null {
  if (at + 4 > buf.length) return null;
  const mpeg1 = ((buf[at + 1]! >> 3) & 3) === 3;
  const mono = buf[at + 3]! >> 6 === 3;
  const side = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const x = at + 4 + side;
  if (x + 16 <= buf.length && /^(Xing|Info)$/.test(buf.toString('latin1', x, x + 4))) {
    const flags = buf.readUInt32BE(x + 4);
    if (!(flags & 2)) return null;
    const bytes = buf.readUInt32BE(x + 8 + (flags & 1 ? 4 : 0));
    return bytes > 0 ? bytes : null;
  }
  const v = at + 36;
  if (v + 14 <= buf.length && buf.toString('latin1', v, v + 4) === 'VBRI') {
    const bytes = buf.readUInt32BE(v + 10);
    return bytes > 0 ? bytes : null;
  }
  return null;
}

function id3v2Size(buf: Buffer, at: number): number {
  if (buf.length < at + 10 || buf.toString('latin1', at, at + 3) !== 'ID3') return 0;
  const version = buf[at + 3]!;
  if (version < 2 || version > 4) return 0;
  const s = buf.subarray(at + 6, at + 10);
  if (s.some((b) => b >= 0x80)) return 0;
  const size = ((s[0]! << 21) | (s[1]! << 14) | (s[2]! << 7) | s[3]!) + 10;
  return size + ((buf[at + 5]! & 0x10) !== 0 ? 10 : 0);
}

/** The file's media family by its first bytes, or null when it is none of ours. Throws MalformedMedia (truncated). */
export async function sniff(file: BoundedFile): Promise<Sniffed | null> {
  let head = await file.read(0, PROBE);
  if (head.length < 4) return null;
  const out: Sniffed = {
    family: 'mpeg',
    id3Bytes: 0,
    id3v1Bytes: 0,
    headerBytes: 0,
    firstFrame: 0,
    declaredBytes: null,
    estimatedS: null,
  };

  // ID3v2 tags (there can be more than one) in front of MP3 or FLAC audio.
  let at = 0;
  for (let size = id3v2Size(head, 0); size > 0; size = id3v2Size(head, 0)) {
    at += size;
    if (at >= file.size) throw new MalformedMedia('only an ID3 tag', at > file.size);
    head = await file.read(at, PROBE);
  }
  out.id3Bytes = at;
  out.headerBytes = at;
  const magic = head.toString('latin1', 0, 4);

  if (magic === 'fLaC') {
    out.family = 'flac';
    out.headerBytes = at + (await flacMetadataBytes(file, at));
    return out;
  }
  if (at === 0) {
    if (magic === 'OggS') return { ...out, family: 'ogg' };
    if ((magic === 'RIFF' || magic === 'RF64') && head.toString('latin1', 8, 12) === 'WAVE') {
      await checkWave(file);
      return { ...out, family: 'wav' };
    }
    if (head.subarray(0, 4).equals(EBML_MAGIC)) return { ...out, family: 'matroska' };
    if (head.length >= 8 && ISO_FIRST_BOXES.has(head.toString('latin1', 4, 8)) && head.readUInt32BE(0) !== 0) {
      return { ...out, family: 'mp4' };
    }
  }
  const endInBuf = file.size - at <= head.length ? file.size - at : null;
  const first = mpegStart(head, endInBuf);
  if (first < 0) return null;
  out.firstFrame = at + first;
  out.declaredBytes = declaredBytes(head, first);
  const tail = await file.read(Math.max(at, file.size - 128), 128);
  if (tail.length === 128 && tail.toString('latin1', 0, 3) === 'TAG') out.id3v1Bytes = 128;
  out.estimatedS = estimateSeconds(head, first, file.size - out.firstFrame - out.id3v1Bytes);
  return out;
}

/** FLAC metadata blocks: 4-byte headers (last-block flag, type, 24-bit length) after 'fLaC'. */
async function flacMetadataBytes(file: BoundedFile, start: number): Promise<number> {
  let at = start + 4;
  for (let i = 0; i < 1000; i++) {
    const h = await file.readExact(at, 4);
    at += 4 + h.readUIntBE(1, 3);
    if (at > file.size) throw new MalformedMedia('FLAC metadata runs past the end', true);
    if (h[0]! & 0x80) break;
  }
  return at - start;
}

/** RIFF chunks up to 'data': a data chunk that claims more bytes than the file has is a cut-off file. */
async function checkWave(file: BoundedFile): Promise<void> {
  let at = 12;
  for (let i = 0; i < 1000 && at + 8 <= file.size; i++) {
    const h = await file.readExact(at, 8);
    const id = h.toString('latin1', 0, 4);
    const size = h.readUInt32LE(4);
    if (id === 'data') {
      // RF64 writes 0xFFFFFFFF here and the real size in its ds64 chunk; a writer that could not
      // seek back leaves 0 or 0xFFFFFFFF too. Only a definite size is checked.
      if (size !== 0 && size !== 0xffffffff && at + 8 + size > file.size + 1) {
        throw new MalformedMedia('WAVE data runs past the end of the file', true);
      }
      return;
    }
    at += 8 + size + (size & 1);
  }
  throw new MalformedMedia('no WAVE data chunk', at > file.size);
}
