import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, openDatabase } from '../../../src/main/storage/database.ts';
import { MIGRATIONS } from '../../../src/main/storage/migrations/index.ts';
import { createTokensRepo } from '../../../src/main/storage/tokens-repo.ts';
import { tempDir } from '../../support/gateway.ts';

describe('the database file', () => {
  it('is created in WAL mode with every migration applied and recorded in user_version', () => {
    const file = join(tempDir(), 'db.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    // Reopening applies nothing twice.
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const file = join(tempDir(), 'newer.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.exec('CREATE TABLE future (x INTEGER) STRICT');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer Studio Gateway/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'clients'").get()).toBeUndefined();
    check.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM missing_table;') }];
    const original = MIGRATIONS.length;
    (MIGRATIONS as unknown as typeof broken).push(broken.at(-1) as (typeof broken)[number]);
    try {
      expect(() => migrate(db)).toThrow(/missing_table/);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('half', 'clients')").all()).toEqual([]);
    } finally {
      (MIGRATIONS as unknown as unknown[]).length = original;
      db.close();
    }
  });
});

describe('migration 1: OAuth core', () => {
  it('creates STRICT tables that refuse a wrong type', () => {
    const db = openDatabase(':memory:');
    const strict = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    expect(strict.map((t) => t.name)).toEqual(expect.arrayContaining(['clients', 'consent_requests', 'grants', 'owner_profile', 'owner_login_links', 'panel_sessions', 'settings', 'tokens']));
    expect(strict.every((t) => t.strict === 1)).toBe(true);
    expect(() => db.prepare("INSERT INTO owner_login_links (key_hash, created_at, expires_at) VALUES (x'00', 'yesterday', 1)").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    db.close();
  });
});

describe('the tokens repository', () => {
  it('consumes a single-use value exactly once', () => {
    const db = openDatabase(':memory:');
    const tokens = createTokensRepo(db);
    tokens.save('code-value', { kind: 'AuthorizationCode', grantId: 'g', clientId: 'c', payload: {}, expiresAt: 9e9 });
    expect(tokens.consume('code-value', 'AuthorizationCode', 1)).toBe(true);
    expect(tokens.consume('code-value', 'AuthorizationCode', 2)).toBe(false);
    expect(tokens.find('code-value', 'AuthorizationCode')?.consumedAtMs).toBe(1);
    expect(tokens.find('code-value', 'AccessToken')).toBeUndefined();
    db.close();
  });
});

describe('housekeeping', () => {
  it('drops expired tokens, grants, consent requests and owner links, and keeps live ones', async () => {
    const { createStorage } = await import('../../../src/main/storage/index.ts');
    const storage = createStorage(':memory:');
    storage.apps.save({ clientId: 'c', clientName: 'C', origin: 'registration', metadata: {}, createdAt: 1 });
    storage.grants.save({ grantId: 'old', clientId: 'c', payload: {}, createdAt: 1, expiresAt: 100 });
    storage.grants.save({ grantId: 'live', clientId: 'c', payload: {}, createdAt: 1, expiresAt: 10_000 });
    storage.tokens.save('expired', { kind: 'AccessToken', grantId: 'live', clientId: 'c', payload: {}, expiresAt: 100 });
    storage.tokens.save('valid', { kind: 'AccessToken', grantId: 'live', clientId: 'c', payload: {}, expiresAt: 10_000 });
    storage.ownerLoginLinks.add('old-link', 1, 100);
    storage.ownerLoginLinks.add('live-link', 1, 10_000);
    expect(storage.deleteExpired(1000)).toBe(3);
    expect(storage.ownerLoginLinks.take('live-link', 1000)).toBe(true);
    expect(storage.grants.find('old')).toBeUndefined();
    expect(storage.grants.find('live')).toBeDefined();
    expect(storage.tokens.find('valid', 'AccessToken')).toBeDefined();
    expect(storage.tokens.find('expired', 'AccessToken')).toBeUndefined();
    storage.close();
  });
});
