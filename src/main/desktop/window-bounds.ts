export interface Bounds {
  x?: number | undefined;
  y?: number | undefined;
  width: number;
  height: number;
}

export interface Display {
  /** The display's work area (without task bar or menu bar), in screen coordinates. */
  workArea: { x: number; y: number; width: number; height: number };
}

/** The window's minimum size (window.ts) and the part of its title bar that must stay on a screen to grab it. */
export const MIN_SIZE = { width: 960, height: 640 };
const GRAB = { width: 120, height: 40 };

/**
 * Where to put the window saved last time, now that the displays may have changed (a laptop unplugged from its
 * monitor): the saved place if enough of its title bar is on some display, the saved size shrunk to fit that display;
 * otherwise centred on the primary display. A window is never restored where nobody can see or move it.
 */
export function clampBounds(saved: Bounds, displays: readonly Display[]): Bounds {
  const [primary] = displays;
  if (!primary) return saved;
  const fit = (area: Display['workArea']) => ({
    width: Math.max(Math.min(saved.width, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(saved.height, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  if (saved.x !== undefined && saved.y !== undefined) {
    const { x, y } = saved;
    const home = displays.find(({ workArea: a }) => x + GRAB.width > a.x && x < a.x + a.width - GRAB.width / 2 && y >= a.y && y + GRAB.height <= a.y + a.height);
    if (home) {
      const size = fit(home.workArea);
      const a = home.workArea;
      return { x: Math.min(Math.max(x, a.x), a.x + a.width - size.width), y: Math.min(Math.max(y, a.y), a.y + a.height - size.height), ...size };
    }
  }
  const size = fit(primary.workArea);
  const a = primary.workArea;
  return { x: a.x + Math.round((a.width - size.width) / 2), y: a.y + Math.round((a.height - size.height) / 2), ...size };
}
