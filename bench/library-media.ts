/**
 * "Memory flat while importing a folder of large videos": the audio/video reader on a folder of
 * large files, one after the other as the import reads them, with the process's resident memory
 * sampled every 5 ms. The reader streams: music-metadata reads tags by random access and the
 * container walks read headers only, so the peak should stay near the baseline whatever the
 * files' sizes.
 *
 * The files are made once by ffmpeg (an apt tool, needed only here) in BENCH_MEDIA_DIR
 * (/tmp/rapport-bench-media): a short high-bitrate clip per container, repeated by stream copy
 * up to BENCH_MEDIA_MB megabytes (200) each: MP4 with its moov box at the end, MP4 with it first,
 * MOV, MKV with chapters, MKV written live (no index, clusters of unknown size), WebM, and
 * long audio: an M4B with chapters, a 320 kb/s MP3, and a 20-hour M4B (its sample tables alone
 * take megabytes). BENCH_MEDIA_ROUNDS (3) reads the folder that many times.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mediaReader } from '../src-main/features/library/readers/media';
import { DEFAULT_LIMITS } from '../src-main/features/library/readers/types';

const DIR = process.env.BENCH_MEDIA_DIR ?? '/tmp/rapport-bench-media';
const MB = Number(process.env.BENCH_MEDIA_MB ?? 200);
const ROUNDS = Number(process.env.BENCH_MEDIA_ROUNDS ?? 3);

const ff = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

interface Target {
  name: string;
  clip: string[];
  muxer: string[];
  /** How many times the clip is repeated (else as many as reach BENCH_MEDIA_MB). */
  loops?: number;
  /** The clip's sources (else 10 s of a test picture and a tone). */
  input?: string[];
}

const chaptersFile = join(DIR, 'chapters.txt');
const TARGETS: Target[] = [
  {
    name: 'moov-last.mp4',
    clip: ['-c:v', 'mpeg4', '-q:v', '1', '-c:a', 'aac', '-b:a', '128k'],
    muxer: ['-f', 'mp4'],
  },
  {
    name: 'moov-first.mp4',
    clip: ['-c:v', 'mpeg4', '-q:v', '1', '-c:a', 'aac', '-b:a', '128k'],
    muxer: ['-f', 'mp4', '-movflags', '+faststart'],
  },
  { name: 'talk.mov', clip: ['-c:v', 'mpeg4', '-q:v', '1', '-c:a', 'aac', '-b:a', '128k'], muxer: ['-f', 'mov'] },
  {
    name: 'workshop.mkv',
    clip: ['-c:v', 'mpeg4', '-q:v', '1', '-c:a', 'libvorbis', '-q:a', '5'],
    muxer: ['-f', 'matroska'],
  },
  {
    // Written as a live stream: clusters of unknown size, no index (as a screen recorder leaves it).
    name: 'recorded-live.mkv',
    clip: ['-c:v', 'mpeg4', '-q:v', '1', '-c:a', 'libvorbis', '-q:a', '5'],
    muxer: ['-f', 'matroska', '-live', '1'],
  },
  {
    name: 'audiobook.m4b',
    clip: ['-vn', '-c:a', 'aac', '-b:a', '256k'],
    muxer: ['-f', 'ipod'],
  },
  { name: 'lecture.mp3', clip: ['-vn', '-c:a', 'libmp3lame', '-b:a', '320k'], muxer: ['-f', 'mp3'] },
  {
    // 20 hours at 24 kb/s: a long audiobook, whose sample tables alone take megabytes.
    name: 'twenty-hours.m4b',
    input: ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=60:sample_rate=44100'],
    clip: ['-c:a', 'aac', '-b:a', '24k', '-ac', '1'],
    muxer: ['-f', 'ipod'],
    loops: 1199,
  },
  {
    name: 'followup.webm',
    clip: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '20M', '-c:a', 'libopus'],
    muxer: ['-f', 'webm'],
  },
];

function make(target: Target): string {
  const out = join(DIR, target.name);
  if (existsSync(out) && (target.loops !== undefined || statSync(out).size >= MB * 0.9 * 1024 ** 2)) return out;
  const ext = target.name.slice(target.name.lastIndexOf('.'));
  const clip = join(DIR, `clip${target.name.replace(/\W/g, '')}${ext}`);
  // 10 s of a busy test picture at 1280x720, encoded at a high quality: a few MB a second.
  const picture = `testsrc2=s=${target.name.endsWith('.webm') ? '640x360' : '1280x720'}:r=25:d=10`;
  const input = target.input ?? [
    '-f',
    'lavfi',
    '-i',
    picture,
    '-f',
    'lavfi',
    '-i',
    'sine=duration=10:sample_rate=48000',
  ];
  ff(...input, ...target.clip, ...target.muxer, clip);
  const loops = target.loops ?? Math.max(0, Math.ceil((MB * 1024 ** 2) / statSync(clip).size) - 1);
  const chapters = /\.(mkv|m4b)$/.test(target.name) ? ['-i', chaptersFile, '-map_chapters', '1'] : [];
  ff(
    '-stream_loop',
    String(loops),
    '-i',
    clip,
    ...chapters,
    '-map',
    '0',
    '-c',
    'copy',
    '-metadata',
    `title=Bench ${target.name}`,
    ...target.muxer,
    out,
  );
  return out;
}

function prepare(): string[] {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(
    chaptersFile,
    ';FFMETADATA1\n' +
      [0, 1, 2]
        .map((i) => `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${i * 60_000}\nEND=${(i + 1) * 60_000}\ntitle=Part ${i + 1}\n`)
        .join(''),
  );
  return TARGETS.map((t) => {
    const started = performance.now();
    const path = make(t);
    const s = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`  ${t.name}: ${(statSync(path).size / 1024 ** 2).toFixed(0)} MB (ready in ${s} s)`);
    return path;
  });
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

async function main() {
  console.log(`Library media bench: ${TARGETS.length} audio and video files of about ${MB} MB in ${DIR}`);
  const files = prepare();
  const folderBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);

  // Warm up (module loading, JIT) on a small fixture, then take the baseline.
  const fixtures = new URL('../test/fixtures/library/', import.meta.url).pathname;
  for (const name of readdirSync(fixtures).filter((n) => /^media-(talk|workshop|followup)\./.test(n))) {
    const path = join(fixtures, name);
    await mediaReader.read(path, statSync(path).size, { limits: DEFAULT_LIMITS, signal: new AbortController().signal });
  }
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);

  const times: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const path of files) {
      const started = performance.now();
      const item = await mediaReader.read(path, statSync(path).size, {
        limits: DEFAULT_LIMITS,
        signal: AbortSignal.timeout(DEFAULT_LIMITS.timeoutMs),
      });
      const ms = performance.now() - started;
      times.push(ms);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (round === 1) {
        const size = item.width ? ` ${item.width}x${item.height}` : '';
        const duration = item.durationS === null ? 'no duration' : `${item.durationS.toFixed(1)} s`;
        console.log(
          `  ${path.slice(DIR.length + 1).padEnd(18)} ${item.kind}${size}, ${duration}, ` +
            `${item.contents.length} chapters, "${item.title}": ${ms.toFixed(1)} ms`,
        );
      }
    }
  }
  clearInterval(sampler);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `Read ${files.length} files (${mib(folderBytes)}) ${ROUNDS}× : median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, ` +
      `slowest ${sorted.at(-1)!.toFixed(1)} ms a file`,
  );
  console.log(
    `RSS baseline ${mib(baseline)}, peak ${mib(peak)} (+${mib(peak - baseline)}), ` +
      `max RSS of the process ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
}

await main();
