import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/main/errors.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { tableRows } from '../../support/table-rows.ts';
import { agentWith, call } from '../../support/tools.ts';

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await agentWith(tg, ['write:profile']);
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

const ownerRow = () => tableRows(tg, 'owner_profile');

describe('home location', () => {
  it('get_profile returns the saved home location, and neither the OIDC subject nor internal names', async () => {
    const result = await call(agent, 'get_profile');
    expect(result.isError).toBe(false);
    expect(result.data.home_location).toEqual({ label: 'Södermalm, Stockholm', lat: 59.3149, lng: 18.0726 });
    expect(result.data).not.toHaveProperty('home');
    expect(result.data).not.toHaveProperty('id');
  });

  it('update_profile saves a new home location, and get_profile reads it back', async () => {
    const home = { label: 'Príncipe Real, Lisbon', lat: 38.7167, lng: -9.1497 };
    const updated = await call(agent, 'update_profile', { home_location: home });
    expect(updated.data.home_location).toEqual(home);
    expect(tg.gateway.services.owner.get().home).toEqual(home);
    expect((await call(agent, 'get_profile')).data.home_location).toEqual(home);
  });

  it('keeps the home location when an update does not mention it', async () => {
    await call(agent, 'update_profile', { name: 'Maya L.' });
    expect(tg.gateway.services.owner.get().home).toEqual({ label: 'Södermalm, Stockholm', lat: 59.3149, lng: 18.0726 });
  });

  it('clears the home location with null', async () => {
    const result = await call(agent, 'update_profile', { home_location: null });
    expect(result.isError).toBe(false);
    expect(result.data.home_location).toBeNull();
    expect(tg.gateway.services.owner.get().home).toBeNull();
    const row = tg.gateway.services.storage.db.prepare<[], { home_label: string | null; home_lat: number | null }>('SELECT home_label, home_lat FROM owner_profile').get();
    expect(row).toEqual({ home_label: null, home_lat: null });
  });

  it('trims the label', async () => {
    await call(agent, 'update_profile', { home_location: { label: '  Gamla stan  ', lat: 59.325, lng: 18.07 } });
    expect(tg.gateway.services.owner.get().home?.label).toBe('Gamla stan');
  });

  it.each([
    ['home_location.lat', { label: 'North of north', lat: 90.5, lng: 0 }],
    ['home_location.lat', { label: 'South of south', lat: -91, lng: 0 }],
    ['home_location.lng', { label: 'Past the date line', lat: 0, lng: 180.01 }],
    ['home_location.lng', { label: 'Before the date line', lat: 0, lng: -181 }],
    ['home_location.label', { label: '', lat: 0, lng: 0 }],
    ['home_location.label', { label: 'x'.repeat(121), lat: 0, lng: 0 }],
    ['home_location.lat', { label: 'No latitude', lng: 0 }],
    ['altitude', { label: 'Extra', lat: 0, lng: 0, altitude: 12 }],
    ['home_location', 'Stockholm'],
  ])('refuses a bad home location naming %s, changing nothing', async (field, home) => {
    const before = ownerRow();
    const result = await call(agent, 'update_profile', { name: 'Should not stick', home_location: home });
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(ownerRow()).toEqual(before);
  });
});

describe('settings keys', () => {
  it('merges snake_case settings and keeps the others', async () => {
    const result = await call(agent, 'update_profile', { settings: { default_class_minutes: 60, reminders_on: true } });
    expect(result.isError).toBe(false);
    expect(tg.gateway.services.owner.get().settings).toEqual({ week_starts_on: 'monday', default_class_minutes: 60, reminders_on: true });
    expect(result.data.settings).toEqual({ week_starts_on: 'monday', default_class_minutes: 60, reminders_on: true });
  });

  it.each(['weekStartsOn', 'Week', '1st_day', '_private', 'with-dash', 'with space', 'ä_key', 'k'.repeat(65), ''])(
    'refuses the setting key "%s" with a clear error naming it, changing nothing',
    async (key) => {
      const before = ownerRow();
      const result = await call(agent, 'update_profile', { name: 'Should not stick', settings: { ok_key: 1, [key]: 'x' } });
      expect(result.isError).toBe(true);
      expect(result.text).toContain(`settings.${key}`);
      expect(result.text).toContain('snake_case');
      expect(ownerRow()).toEqual(before);
    },
  );

  it('accepts a key of exactly 64 characters', async () => {
    const key = `k${'_'.repeat(63)}`;
    const result = await call(agent, 'update_profile', { settings: { [key]: 'x' } });
    expect(result.isError).toBe(false);
    expect(tg.gateway.services.owner.get().settings[key]).toBe('x');
  });

  it('the service refuses a camelCase key from a caller without the tool schema too', () => {
    const before = ownerRow();
    expect(() => tg.gateway.services.owner.update({ settings: { weekStartsOn: 'sunday' } })).toThrow(DomainError);
    expect(() => tg.gateway.services.owner.update({ settings: { weekStartsOn: 'sunday' } })).toThrow(/settings\.weekStartsOn/);
    expect(ownerRow()).toEqual(before);
  });

  it('refuses an email change even alongside a valid home location, changing nothing', async () => {
    const before = ownerRow();
    const result = await call(agent, 'update_profile', { email: 'new@example.com', home_location: { label: 'Elsewhere', lat: 1, lng: 1 } });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('email cannot be changed');
    expect(ownerRow()).toEqual(before);
  });
});
