import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { APP_IDENTITY } from '../../src/main/desktop/identity.ts';

const require = createRequire(import.meta.url);

describe('the electron-builder configuration', () => {
  const config = JSON.parse(readFileSync(new URL('../../electron-builder.json', import.meta.url), 'utf8')) as Record<string, unknown>;

  it("is valid by electron-builder's own schema", () => {
    const Ajv = require('ajv') as new (options: object) => { validate(schema: object, data: unknown): boolean; errors?: unknown };
    const ajv = new Ajv({ strict: false, allErrors: true });
    const { $schema: _schema, ...rest } = config;
    const valid = ajv.validate(require('app-builder-lib/scheme.json') as object, rest);
    expect(ajv.errors ?? null).toBeNull();
    expect(valid).toBe(true);
  });

  it('builds AppImage and deb, dmg, and an NSIS installer, and ships the build output with the native modules unpacked', () => {
    expect(config).toMatchObject({
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: ['dmg'] },
      win: { target: ['nsis'] },
      files: expect.arrayContaining(['out/**', 'resources/**']),
      asarUnpack: expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/keytar/**']),
    });
  });

  it("keeps electron-builder's default .deb dependencies (GTK, NSS, notify, xdg-utils…) and libsecret for the keychain", () => {
    // `deb.depends` replaces the defaults rather than adding to them: whatever the config lists must include them.
    const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(target: string): string[] } } }).default;
    const defaults = FpmTarget.prototype.getDefaultDepends('deb');
    expect(defaults).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils']));
    const depends = (config.deb as { depends?: string[] } | undefined)?.depends ?? defaults;
    expect(depends).toEqual(expect.arrayContaining([...defaults, 'libsecret-1-0']));
  });

  it('registers the studio-gateway:// scheme the notifications and deep links use', () => {
    expect(config.protocols).toEqual([{ name: 'Studio Gateway', schemes: [APP_IDENTITY.scheme] }]);
    expect(config.appId).toBe(APP_IDENTITY.appUserModelId);
  });
});
