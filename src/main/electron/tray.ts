import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { Gateway } from '../gateway.ts';

/** The tray icon: status, Open, Pause all agents, Quit. The gateway keeps running while the window is closed. */
export function createTray(options: { gateway: Gateway; open: () => void; quit: () => void }): Tray {
  const tray = new Tray(nativeImage.createFromPath(join(import.meta.dirname, '../../resources/tray.png')));
  const refresh = async () => {
    const status = await options.gateway.control.call('gateway.status', {}, { channel: 'desktop' });
    const paused = status.ok && status.result.paused;
    tray.setToolTip(`Studio Gateway: ${paused ? 'agents paused' : 'running'}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: paused ? 'Agents paused' : `Running on ${status.ok ? status.result.mcpUrl : '…'}`, enabled: false },
        { type: 'separator' },
        { label: 'Open Studio Gateway', click: options.open },
        {
          label: 'Pause all agents',
          type: 'checkbox',
          checked: paused,
          click: async (item) => {
            await options.gateway.control.call('gateway.setPaused', { paused: item.checked }, { channel: 'desktop' });
            void refresh();
          },
        },
        { type: 'separator' },
        { label: 'Quit', click: options.quit },
      ]),
    );
  };
  tray.on('click', options.open);
  void refresh();
  setInterval(() => void refresh(), 5000).unref();
  return tray;
}
