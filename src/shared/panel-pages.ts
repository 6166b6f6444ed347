/** Every page of the control panel, in menu order: its path (after `#/`) and its heading. */
export const PANEL_PAGES = [
  { path: 'overview', title: 'Overview' },
  { path: 'consent', title: 'Consent requests' },
  { path: 'apps', title: 'Connected apps' },
  { path: 'setup', title: 'Agent setup' },
  { path: 'approvals', title: 'Approvals' },
  { path: 'audit', title: 'Audit log' },
  { path: 'connections', title: 'Connections' },
  { path: 'settings', title: 'Settings' },
] as const;

export type PanelPagePath = (typeof PANEL_PAGES)[number]['path'];
