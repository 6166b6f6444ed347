import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { sameTrayState, trayModel, type TrayState } from '../desktop/tray-model.ts';

/**
 * The tray icon and menu of desktop/tray-model.ts. macOS gets a template image (the menu bar tints it for light and
 * dark), the others the colour icon; both at 16 px with a @2x. The menu is rebuilt only when the state changes:
 * rebuilding closes a menu that is open on Linux.
 */
export function createTray(options: { state: () => Promise<TrayState>; open: () => void; setPaused: (paused: boolean) => Promise<void>; quit: () => void }) {
  const file = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
  const tray = new Tray(nativeImage.createFromPath(join(import.meta.dirname, '../../resources', file)));
  let shown: TrayState | undefined;

  const refresh = async () => {
    const state = await options.state();
    if (sameTrayState(shown, state)) return;
    shown = state;
    const model = trayModel(state);
    const items = model.items.map((item): MenuItemConstructorOptions => {
      if (item.kind === 'separator') return { type: 'separator' };
      if (item.kind === 'status') return { label: item.label, enabled: false };
      if (item.kind === 'toggle') return { label: item.label, type: 'checkbox', checked: item.checked, click: (menuItem) => void options.setPaused(menuItem.checked).then(refresh) };
      return { label: item.label, click: item.id === 'open' ? options.open : options.quit };
    });
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(items));
  };
  tray.on('click', options.open);
  void refresh();
  return { refresh: () => void refresh() };
}
