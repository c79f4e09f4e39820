import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  readWindowState,
  restoreBounds,
  writeWindowState,
  type Rect,
} from '../../src-main/platform/bounds';
import { MIN_WINDOW_SIZE } from '../../src-main/platform/security';

const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 }; // work area under a menu bar
const RIGHT_MONITOR: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const LEFT_MONITOR: Rect = { x: -1920, y: 0, width: 1920, height: 1040 };
const DEFAULT = { ...DEFAULT_WINDOW_SIZE, maximized: false };

describe('restoreBounds', () => {
  it('keeps a saved window that is fully on screen', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1000, height: 700, maximized: false }, [LAPTOP])).toEqual({
      x: 100,
      y: 100,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('keeps the maximized flag', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1000, height: 700, maximized: true }, [LAPTOP]).maximized).toBe(true);
  });

  it('restores onto a secondary monitor, including one left of the primary', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1200, height: 800 }, [LAPTOP, RIGHT_MONITOR])).toMatchObject({
      x: 1600,
      y: 100,
    });
    expect(restoreBounds({ x: -1800, y: 50, width: 1200, height: 800 }, [LAPTOP, LEFT_MONITOR])).toMatchObject({
      x: -1800,
      y: 50,
    });
  });

  it('re-centres a window left on a monitor that was unplugged', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1200, height: 800, maximized: false }, [LAPTOP])).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('re-centres a window whose visible part is too small to grab', () => {
    // Only a 100px sliver on screen.
    expect(restoreBounds({ x: 1340, y: 100, width: 1000, height: 700 }, [LAPTOP])).not.toHaveProperty('x');
    // Title bar above the top of every screen.
    expect(restoreBounds({ x: 100, y: -680, width: 1000, height: 700 }, [LAPTOP])).not.toHaveProperty('x');
  });

  it('pulls a partly off-screen window fully inside the display it mostly covers', () => {
    expect(restoreBounds({ x: 900, y: 500, width: 1000, height: 700 }, [LAPTOP])).toEqual({
      x: 440, // 1440 - 1000
      y: 200, // 25 + 875 - 700
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('shrinks a window bigger than its display (resolution went down)', () => {
    expect(restoreBounds({ x: 0, y: 25, width: 3000, height: 2000 }, [LAPTOP])).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
      maximized: false,
    });
  });

  it('enforces the minimum size', () => {
    expect(restoreBounds({ x: 10, y: 30, width: 20, height: 10 }, [LAPTOP])).toMatchObject({
      width: MIN_WINDOW_SIZE.width,
      height: MIN_WINDOW_SIZE.height,
    });
  });

  it('keeps the size but lets the OS place a window saved without a position', () => {
    expect(restoreBounds({ width: 1000, height: 700 }, [LAPTOP])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it.each([
    null,
    undefined,
    'garbage',
    42,
    [],
    {},
    { width: 'wide', height: 700 },
    { x: 0, y: 0, width: Number.NaN, height: 700 },
    { x: 0, y: 0, width: Infinity, height: 700 },
    { x: 0, y: 0, width: -1000, height: 700 },
    { x: 0, y: 0, width: 0, height: 0 },
    { x: 0, y: 0, width: 2 ** 31, height: 700 },
  ])('falls back to the default for corrupt state %j', (saved) => {
    expect(restoreBounds(saved, [LAPTOP])).toEqual(DEFAULT);
  });

  it('ignores a non-numeric or absurd position but keeps the size', () => {
    expect(restoreBounds({ x: '10', y: 20, width: 1000, height: 700 }, [LAPTOP])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(restoreBounds({ x: 1e9, y: 20, width: 1000, height: 700 }, [LAPTOP])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('treats only `maximized: true` as maximized', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1000, height: 700, maximized: 'yes' }, [LAPTOP]).maximized).toBe(
      false,
    );
  });

  it('copes with no displays or broken display data', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1000, height: 700 }, [])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(restoreBounds(null, [{ x: 0, y: 0, width: Number.NaN, height: 0 }])).toEqual(DEFAULT);
  });

  it('rounds fractional values (HiDPI scaling) to whole pixels', () => {
    expect(restoreBounds({ x: 100.4, y: 100.6, width: 1000.5, height: 700.2 }, [LAPTOP])).toEqual({
      x: 100,
      y: 101,
      width: 1001,
      height: 700,
      maximized: false,
    });
  });
});

describe('window state file', () => {
  it('round-trips and treats missing or corrupt files as nothing saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-bounds-'));
    try {
      const file = join(dir, 'nested', 'window-state.json');
      expect(readWindowState(file)).toBeNull();
      writeWindowState(file, { x: 1, y: 2, width: 900, height: 600, maximized: true });
      expect(readWindowState(file)).toEqual({ x: 1, y: 2, width: 900, height: 600, maximized: true });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 1, y: 2, width: 900, height: 600, maximized: true });
      writeFileSync(file, '{"x": 1, "wid');
      expect(readWindowState(file)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
