import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { rendererCsp } from '../../src/main/desktop/csp.ts';
import { isAllowedExternal, RENDERER_CSP, WEB_PREFERENCES } from '../../src/main/electron/policy.ts';

// The Electron security checklist (electronjs.org/docs/latest/tutorial/security), checked in the shell's source:
// this fails as soon as any of it is loosened. Electron itself cannot run here; its policy is plain data and its
// wiring is read from the code.

const source = (path: string) => {
  const file = new URL(`../../${path}`, import.meta.url);
  return ts.createSourceFile(path, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
};

function find(node: ts.Node, test: (n: ts.Node) => boolean): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    if (test(n)) found.push(n);
    n.forEachChild(visit);
  };
  visit(node);
  return found;
}

/** Calls like `x.on('will-navigate', handler)` or `ipcMain.handle(channel, handler)`. */
const callsTo = (file: ts.SourceFile, method: string) =>
  find(file, (n) => ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === method) as ts.CallExpression[];

describe('the desktop shell keeps to the Electron security checklist', () => {
  it('isolates, sandboxes and denies Node to every window (§2–§5), with nothing overriding the policy', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    const window = source('src/main/electron/window.ts');
    const windows = find(window, (n) => ts.isNewExpression(n) && n.expression.getText() === 'BrowserWindow') as ts.NewExpression[];
    expect(windows).toHaveLength(1);
    const options = windows[0]?.arguments?.[0];
    expect(options && ts.isObjectLiteralExpression(options)).toBe(true);
    const prefs = (options as ts.ObjectLiteralExpression).properties.find((p) => p.name?.getText() === 'webPreferences');
    expect(prefs && ts.isPropertyAssignment(prefs) && ts.isObjectLiteralExpression(prefs.initializer)).toBe(true);
    const entries = ((prefs as ts.PropertyAssignment).initializer as ts.ObjectLiteralExpression).properties.map((p) => (ts.isSpreadAssignment(p) ? `...${p.expression.getText()}` : (p.name?.getText() ?? '')));
    expect(entries).toEqual(['...WEB_PREFERENCES', 'preload', 'additionalArguments']); // the calls' names, for the preload
    // No other window anywhere in the shell.
    for (const path of ['src/main/index.ts', 'src/main/electron/tray.ts', 'src/main/electron/ipc.ts', 'src/main/electron/audit-export.ts']) {
      expect(find(source(path), (n) => ts.isNewExpression(n) && n.expression.getText() === 'BrowserWindow'), path).toHaveLength(0);
    }
  });

  it("sets the strict CSP on every response and allows no permission but the panel's clipboard write (§7, §6)", () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    // Built (no dev server): exactly that policy (desktop/csp.ts, tested in test/desktop).
    expect(rendererCsp(undefined)).toBe(RENDERER_CSP);
    const window = source('src/main/electron/window.ts');
    expect(find(window, (n) => ts.isVariableDeclaration(n) && n.name.getText() === 'csp')[0]?.getText()).toBe('csp = rendererCsp(options.devServerUrl)');
    expect(callsTo(window, 'onHeadersReceived').map((c) => c.getText())[0]).toContain("'Content-Security-Policy': [csp]");
    expect(callsTo(window, 'setPermissionRequestHandler')[0]?.getText()).toMatch(/callback\(isPermissionAllowed\(permission, webContents\.getURL\(\), options\.isPanelUrl\)\)/);
    expect(callsTo(window, 'setPermissionCheckHandler')[0]?.getText()).toMatch(/=> isPermissionAllowed\(permission, requestingOrigin, options\.isPanelUrl\)/);
    const index = source('src/main/index.ts');
    const harden = find(index, (n) => ts.isCallExpression(n) && n.expression.getText() === 'hardenSession');
    const firstWindow = find(index, (n) => ts.isCallExpression(n) && n.expression.getText() === 'createMainWindow');
    expect(harden).toHaveLength(1);
    expect(harden[0]?.getStart()).toBeLessThan(firstWindow[0]?.getStart() ?? 0);
  });

  it('blocks navigation and webviews, and opens no new window (§13, §14)', () => {
    const window = source('src/main/electron/window.ts');
    const handlers = Object.fromEntries(callsTo(window, 'on').map((c) => [c.arguments[0]?.getText().replace(/'/g, ''), c.arguments[1]?.getText() ?? '']));
    expect(handlers['will-navigate']).toMatch(/event\.preventDefault\(\)/);
    expect(handlers['will-attach-webview']).toMatch(/event\.preventDefault\(\)/);
    const open = callsTo(window, 'setWindowOpenHandler')[0]?.arguments[0];
    expect(open).toBeDefined();
    const returns = find(open as ts.Node, (n) => ts.isReturnStatement(n)).map((r) => r.getText());
    expect(returns).toEqual(["return { action: 'deny' };"]);
    // openExternal only behind the allow-list or the gateway's own pending sign-in URL.
    const external = callsTo(window, 'openExternal');
    expect(external).toHaveLength(1);
    let guard: ts.Node | undefined = external[0];
    while (guard && !ts.isIfStatement(guard)) guard = guard.parent;
    expect(guard && ts.isIfStatement(guard) ? guard.expression.getText() : '').toBe('isAllowedExternal(url) || options.isProviderSignIn(url)');
  });

  it.each([
    ['https://modelcontextprotocol.io/docs', true],
    ['https://docs.anthropic.com/en/docs', true],
    ['http://modelcontextprotocol.io/', false],
    ['https://modelcontextprotocol.io.evil.com/', false],
    ['https://evil.com/?https://modelcontextprotocol.io', false],
    ['https://user@modelcontextprotocol.io/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://attacker/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['', false],
  ])('openExternal allow-list (§15): %s → %s', (url, allowed) => {
    expect(isAllowedExternal(url)).toBe(allowed);
  });

  it('checks the sender of every IPC message before anything runs (§17)', () => {
    for (const path of ['src/main/electron/ipc.ts', 'src/main/electron/audit-export.ts']) {
      const file = source(path);
      const handles = callsTo(file, 'handle');
      expect(handles.length, path).toBeGreaterThan(0);
      for (const handle of handles) {
        const body = handle.arguments[1]?.getText() ?? '';
        const check = body.search(/isTrustedUrl\((frameUrl|event\.senderFrame\?\.url)/);
        expect(check, `${path}: sender check`).toBeGreaterThan(-1);
        const work = Math.max(body.indexOf('registry.call'), body.indexOf('request.parse'));
        expect(work, `${path}: work after the check`).toBeGreaterThan(check);
      }
    }
  });

  it('exposes named methods only through the preload, never ipcRenderer or a generic channel (§3, §20)', () => {
    const preload = source('src/preload/index.ts');
    const exposed = callsTo(preload, 'exposeInMainWorld');
    expect(exposed).toHaveLength(1);
    expect(exposed[0]?.arguments.map((a) => a.getText())).toEqual(["'studio'", 'api']);
    const invokes = callsTo(preload, 'invoke');
    expect(invokes.length).toBeGreaterThan(0);
    expect(invokes.every((c) => /^(controlChannel\(name\)|AUDIT_EXPORT_CHANNEL)$/.test(c.arguments[0]?.getText() ?? ''))).toBe(true);
    const api = find(preload, (n) => ts.isVariableDeclaration(n) && n.name.getText() === 'api')[0] as ts.VariableDeclaration;
    expect(api.initializer?.getText()).not.toMatch(/ipcRenderer(?!\.(invoke|on|off)\()/);
    expect(api.initializer?.getText()).toMatch(/satisfies StudioApi$/);
  });
});
