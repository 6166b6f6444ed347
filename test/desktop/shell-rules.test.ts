import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, isLinuxAutostartEnabled, setLinuxAutostart } from '../../src/main/desktop/autostart.ts';
import { cspMetaTag, rendererCsp } from '../../src/main/desktop/csp.ts';
import { deepLinkInArgs, panelRoute, parseDeepLink } from '../../src/main/desktop/deep-link.ts';
import { APP_IDENTITY, desktopDataDir } from '../../src/main/desktop/identity.ts';
import { isPermissionAllowed } from '../../src/main/desktop/permissions.ts';
import { startFailure } from '../../src/main/desktop/start-failure.ts';
import { sameTrayState, trayModel } from '../../src/main/desktop/tray-model.ts';
import { clampBounds, MIN_SIZE } from '../../src/main/desktop/window-bounds.ts';
import { PortInUseError } from '../../src/main/http/listen.ts';
import { PANEL_CSP } from '../../src/main/http/respond.ts';
import { defaultDataDir } from '../../src/main/paths.ts';
import { DatabaseTooNewError } from '../../src/main/storage/database.ts';
import { tempDir } from '../support/gateway.ts';

// Every decision of the desktop shell, as plain Node: Electron cannot run here, and its files only wire these.

describe('identity and the data folder', () => {
  it.each([
    ['linux', {}, '/home/maya', '/home/maya/.config/Studio Gateway'],
    ['linux', { XDG_CONFIG_HOME: '/home/maya/.cfg' }, '/home/maya', '/home/maya/.cfg/Studio Gateway'],
    ['darwin', {}, '/Users/maya', '/Users/maya/Library/Application Support/Studio Gateway'],
    ['win32', { APPDATA: 'C:\\Users\\maya\\AppData\\Roaming' }, 'C:\\Users\\maya', 'C:\\Users\\maya\\AppData\\Roaming\\Studio Gateway'],
  ] as const)('the desktop app and the CLI use one folder on %s', (os, env, home, expected) => {
    expect(desktopDataDir(env, os, home)).toBe(expected);
    expect(defaultDataDir(env, os, home)).toBe(expected);
  });

  it('honours STUDIO_GATEWAY_DATA_DIR, and names itself as the installer does', () => {
    expect(desktopDataDir({ STUDIO_GATEWAY_DATA_DIR: '/tmp/portable' }, 'darwin', '/Users/maya')).toBe('/tmp/portable');
    const builder = JSON.parse(readFileSync(new URL('../../electron-builder.json', import.meta.url), 'utf8')) as { productName: string; appId: string };
    expect(APP_IDENTITY.name).toBe(builder.productName);
    expect(APP_IDENTITY.appUserModelId).toBe(builder.appId);
  });
});

describe('permissions', () => {
  const isPanel = (url: string) => url.startsWith('file:///app/renderer/');
  it('allows the clipboard write the Copy buttons need, from the panel only, and nothing else', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///app/renderer/index.html', isPanel)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', isPanel)).toBe(false);
    for (const other of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal']) {
      expect(isPermissionAllowed(other, 'file:///app/renderer/index.html', isPanel), other).toBe(false);
    }
  });
});

describe('the content security policy per mode', () => {
  it('is the strict panel policy when built, and in the built index.html as a meta tag (without frame-ancestors)', () => {
    expect(rendererCsp()).toBe(PANEL_CSP);
    expect(cspMetaTag()).toContain("script-src 'self';");
    expect(cspMetaTag()).not.toContain('frame-ancestors');
    const built = new URL('../../out/renderer/index.html', import.meta.url);
    if (existsSync(built)) expect(readFileSync(built, 'utf8')).toContain(cspMetaTag());
  });

  it("lets the dev server's inline preamble and hot reload through, from that server only", () => {
    const dev = rendererCsp('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline' http://localhost:5173;");
    expect(dev).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173;');
    expect(dev).not.toContain('unsafe-eval');
    expect(dev).toContain("frame-ancestors 'none'");
  });
});

describe('start failures', () => {
  it('names a busy port and offers another, and a newer database with its folder', () => {
    const busy = startFailure(new PortInUseError(8787), '/data');
    expect(busy.message).toContain('Port 8787');
    expect(busy.actions).toEqual(['use-free-port', 'quit']);
    const newer = startFailure(new DatabaseTooNewError('/data/db', 9, 6), '/data');
    expect(newer.message).toContain('/data');
    expect(newer.actions).toEqual(['open-data-folder', 'quit']);
    expect(startFailure(new Error('disk full'), '/data').message).toContain('disk full');
  });
});

describe('start at login on Linux', () => {
  it('writes an XDG autostart entry where the desktop looks, reads the state back, and removes it', () => {
    const config = tempDir();
    const file = autostartFile({ XDG_CONFIG_HOME: config }, '/home/maya');
    expect(file).toBe(join(config, 'autostart', 'studio-gateway.desktop'));
    expect(autostartFile({}, '/home/maya')).toBe('/home/maya/.config/autostart/studio-gateway.desktop');
    expect(isLinuxAutostartEnabled(file)).toBe(false);
    setLinuxAutostart(true, '/opt/Studio Gateway/studio-gateway', [], file);
    expect(isLinuxAutostartEnabled(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Studio Gateway/studio-gateway" --hidden');
    // Turned off by the desktop's own settings (Hidden=true): the state says so.
    writeFileSync(file, `${readFileSync(file, 'utf8')}Hidden=true\n`);
    expect(isLinuxAutostartEnabled(file)).toBe(false);
    setLinuxAutostart(false, '/opt/x', [], file);
    expect(existsSync(file)).toBe(false);
  });

  it('quotes what the Desktop Entry spec says to quote', () => {
    expect(autostartEntry('/usr/bin/studio-gateway', ['--data-dir', '/home/maya/my $tudio'])).toContain('Exec=/usr/bin/studio-gateway --data-dir "/home/maya/my \\$tudio" --hidden');
  });
});

describe('window placement', () => {
  const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
  const monitor = { workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

  it('restores a window on a display that is still there', () => {
    expect(clampBounds({ x: 1600, y: 100, width: 1280, height: 800 }, [laptop, monitor])).toEqual({ x: 1600, y: 100, width: 1280, height: 800 });
  });

  it('brings back a window saved on a monitor that is gone, centred on the laptop and no larger than it', () => {
    const placed = clampBounds({ x: 1600, y: 100, width: 2400, height: 1300 }, [laptop]);
    expect(placed).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
    expect(clampBounds({ x: -5000, y: -5000, width: 1280, height: 800 }, [laptop])).toEqual({ x: 80, y: 63, width: 1280, height: 800 });
  });

  it('keeps a window half off its display on it, and never smaller than the minimum', () => {
    expect(clampBounds({ x: 1000, y: 500, width: 1280, height: 800 }, [laptop])).toEqual({ x: 160, y: 100, width: 1280, height: 800 });
    expect(clampBounds({ width: 200, height: 100 }, [laptop])).toMatchObject(MIN_SIZE);
  });
});

describe('the tray', () => {
  it('shows status and what waits, pause and quit, and changes only when the state does', () => {
    const calm = trayModel({ paused: false, waiting: 0 });
    expect(calm.items.map((i) => ('label' in i ? i.label : '—'))).toEqual(['Agents can connect', '—', 'Open Studio Gateway', 'Pause all agents', '—', 'Quit (agents lose access until you open it again)']);
    const busy = trayModel({ paused: true, waiting: 2 });
    expect(busy.tooltip).toBe('Studio Gateway: agents paused · 2 waiting for you');
    expect(busy.items).toContainEqual({ kind: 'toggle', id: 'pause', label: 'Pause all agents', checked: true });
    expect(sameTrayState({ paused: true, waiting: 2 }, { paused: true, waiting: 2 })).toBe(true);
    expect(sameTrayState({ paused: true, waiting: 2 }, { paused: true, waiting: 3 })).toBe(false);
    expect(sameTrayState(undefined, { paused: false, waiting: 0 })).toBe(false);
  });
});

describe('deep links', () => {
  it.each([
    ['studio-gateway://consent/0b6c1f0e-9d1a-4c1e-8f55-1e2b3c4d5e6f', { kind: 'consent', requestId: '0b6c1f0e-9d1a-4c1e-8f55-1e2b3c4d5e6f' }],
    ['studio-gateway://approval/abc-123', { kind: 'approval', approvalId: 'abc-123' }],
    ['studio-gateway://page/settings', { kind: 'page', page: 'settings' }],
    ['studio-gateway://page/settings/', { kind: 'page', page: 'settings' }],
  ])('opens %s', (raw, expected) => {
    expect(parseDeepLink(raw)).toEqual(expected);
  });

  it.each([
    'studio-gateway://page/evil',
    'studio-gateway://consent/',
    'studio-gateway://consent/a b',
    'studio-gateway://consent/1?decision=approve',
    'studio-gateway://consent/1#approve',
    'studio-gateway://user:pw@consent/1',
    'studio-gateway://consent/1/approve',
    'https://consent/1',
    'javascript:alert(1)',
  ])('refuses %s (a link only navigates; it never carries a decision)', (raw) => {
    expect(parseDeepLink(raw)).toBeUndefined();
  });

  it('finds the link among the arguments a second instance passes, and routes the panel to it', () => {
    expect(deepLinkInArgs(['/opt/studio-gateway', '--hidden', 'studio-gateway://approval/x1'])).toEqual({ kind: 'approval', approvalId: 'x1' });
    expect(deepLinkInArgs(['/opt/studio-gateway'])).toBeUndefined();
    expect(panelRoute({ kind: 'consent', requestId: 'r1' })).toBe('#/consent?request=r1');
    expect(panelRoute({ kind: 'page', page: 'audit' })).toBe('#/audit');
  });
});
