import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIN_WINDOW_SIZE } from './security';

/** The window's last size and place, kept in `window-state.json` in userData. */
export interface WindowState {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
/** How much of the window must be on some screen for its saved position to be kept. */
const MIN_VISIBLE = { width: 160, height: 48 } as const;
/** Beyond any real desktop: a corrupt file must not produce a 2^31-pixel window. */
const MAX_COORDINATE = 100_000;

/**
 * Turns what was saved last time (untrusted: the file may be hand-edited, truncated, or
 * from a machine with a monitor that has since been unplugged) into bounds for the new
 * window. The window ends up fully inside the work area of the display it mostly covered;
 * if it is not meaningfully on any display it is re-centred rather than opened off-screen,
 * where the user could not reach it.
 */
export function restoreBounds(saved: unknown, displays: readonly Rect[]): WindowState {
  const fallback: WindowState = { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const state = parseSaved(saved);
  const areas = displays.filter(isUsableRect);
  if (!state) return fitSizeOnly(fallback, areas[0]);

  const maximized = state.maximized;
  if (state.x === undefined || state.y === undefined) return fitSizeOnly({ ...state, maximized }, areas[0]);
  const rect: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  const best = areas
    .map((area) => ({ area, overlap: intersection(rect, area) }))
    .filter(({ overlap }) => overlap.width >= MIN_VISIBLE.width && overlap.height >= MIN_VISIBLE.height)
    .sort((a, b) => b.overlap.width * b.overlap.height - a.overlap.width * a.overlap.height)[0];
  if (!best) return fitSizeOnly({ width: state.width, height: state.height, maximized }, areas[0]);

  const { area } = best;
  const width = clamp(state.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width);
  const height = clamp(state.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height);
  return {
    x: clamp(state.x, area.x, area.x + area.width - width),
    y: clamp(state.y, area.y, area.y + area.height - height),
    width,
    height,
    maximized,
  };
}

function parseSaved(saved: unknown): WindowState | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const record = saved as Record<string, unknown>;
  const width = finite(record.width);
  const height = finite(record.height);
  if (width === null || height === null || width <= 0 || height <= 0) return null;
  const x = finite(record.x);
  const y = finite(record.y);
  return {
    ...(x !== null && y !== null ? { x, y } : {}),
    width: Math.max(width, MIN_WINDOW_SIZE.width),
    height: Math.max(height, MIN_WINDOW_SIZE.height),
    maximized: record.maximized === true,
  };
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE
    ? Math.round(value)
    : null;
}

function isUsableRect(rect: Rect): boolean {
  return [rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) && rect.width > 0 && rect.height > 0;
}

/** Keeps the size (shrunk to fit the primary display) and lets the OS place the window. */
function fitSizeOnly(state: WindowState, primary: Rect | undefined): WindowState {
  const width = primary ? Math.min(state.width, primary.width) : state.width;
  const height = primary ? Math.min(state.height, primary.height) : state.height;
  return { width, height, maximized: state.maximized };
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/** Reads the saved state; a missing or corrupt file is simply "nothing saved". */
export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed: a crash mid-write cannot leave half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`);
  renameSync(temp, file);
}
