import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

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
      asarUnpack: expect.arrayContaining(['node_modules/better-sqlite3/**']),
    });
  });
});
