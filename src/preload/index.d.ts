import type { StudioApi } from '../shared/control-bridge.ts';

declare global {
  interface Window {
    /** Present in the desktop app only; the headless panel talks HTTP instead. */
    studio?: StudioApi;
  }
}
