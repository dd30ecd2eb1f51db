import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SHELL_LOCALES } from './strings';

/**
 * What the shell remembers between launches, in its own small file in the data folder (read before the database is
 * opened: the UI language must be known before Electron is ready, to set Chromium's locale).
 */
const rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof rect>;
const shellState = z.object({
  locale: z.enum(SHELL_LOCALES).optional().catch(undefined),
  window: z.object({ bounds: rect, maximized: z.boolean() }).optional().catch(undefined),
});
export type ShellState = z.infer<typeof shellState>;
export type WindowState = NonNullable<ShellState['window']>;

export const SHELL_STATE_FILE = 'shell-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 860 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** How much of a saved window must still be on some screen (a grabbable strip of title bar) to be put back there. */
const VISIBLE = { width: 120, height: 40 } as const;

/** A damaged or hand-edited file loses only what is wrong in it; it never stops the app. */
export function parseShellState(text: string | null | undefined): ShellState {
  if (!text) return {};
  try {
    const parsed = shellState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const overlap = (a: Rect, b: Rect) => ({
  width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
  height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
});

function fitInto(bounds: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(bounds.width, Math.min(MIN_SIZE.width, area.width)), area.width);
  const height = Math.min(Math.max(bounds.height, Math.min(MIN_SIZE.height, area.height)), area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/**
 * Where to open the window: where it was, if that place is still on a screen (monitors get unplugged, resolutions
 * change), moved and shrunk to fit the screen it is mostly on; otherwise the default size centred on the primary
 * screen. `workAreas` are the displays' work areas, the primary first.
 */
export function restoreWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (saved) {
    const best = workAreas
      .map((area) => ({ area, seen: overlap(saved.bounds, area) }))
      .filter(({ seen }) => seen.width >= VISIBLE.width && seen.height >= VISIBLE.height)
      .sort((a, b) => b.seen.width * b.seen.height - a.seen.width * a.seen.height)[0];
    if (best) return { bounds: fitInto(saved.bounds, best.area), maximized: saved.maximized };
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  const bounds = {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
  return { bounds, maximized: saved?.maximized ?? false };
}

export function loadShellState(dataDir: string): ShellState {
  try {
    return parseShellState(readFileSync(join(dataDir, SHELL_STATE_FILE), 'utf8'));
  } catch {
    return {};
  }
}

/** Written whole through a temp file and a rename, so a crash mid-write leaves the previous state, not half a file. */
export function saveShellState(dataDir: string, state: ShellState): void {
  const file = join(dataDir, SHELL_STATE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file);
}
