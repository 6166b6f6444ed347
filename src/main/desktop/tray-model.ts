/** What the tray shows, as data: the Electron adapter (electron/tray.ts) turns it into a menu. */
export interface TrayState {
  paused: boolean;
  /** Consent requests and held calls waiting for the owner. */
  waiting: number;
}

export type TrayItem =
  | { kind: 'status'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; id: 'open' | 'quit'; label: string }
  | { kind: 'toggle'; id: 'pause'; label: string; checked: boolean };

/** The tray's tooltip and menu for a state. The menu is rebuilt only when this changes (an open menu stays open). */
export function trayModel(state: TrayState): { tooltip: string; items: TrayItem[] } {
  const status = state.paused ? 'Agents paused' : 'Agents can connect';
  const waiting = state.waiting === 0 ? '' : ` · ${state.waiting} waiting for you`;
  return {
    tooltip: `Studio Gateway: ${status.toLowerCase()}${waiting}`,
    items: [
      { kind: 'status', label: `${status}${waiting}` },
      { kind: 'separator' },
      { kind: 'action', id: 'open', label: state.waiting ? 'Open Studio Gateway to decide…' : 'Open Studio Gateway' },
      { kind: 'toggle', id: 'pause', label: 'Pause all agents', checked: state.paused },
      { kind: 'separator' },
      { kind: 'action', id: 'quit', label: 'Quit (agents lose access until you open it again)' },
    ],
  };
}

/** Whether two states give the same menu (then it is not rebuilt). */
export function sameTrayState(a: TrayState | undefined, b: TrayState): boolean {
  return a !== undefined && a.paused === b.paused && a.waiting === b.waiting;
}
