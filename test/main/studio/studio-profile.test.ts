import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { tableRows } from '../../support/table-rows.ts';
import { agentWith, call } from '../../support/tools.ts';

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await agentWith(tg, ['write:studio']);
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

const studioRows = () => tableRows(tg, 'studio_profile', 'locations');
const porto = { name: 'Lotus Loft Porto', address: 'Rua de Cedofeita 210', city: 'Porto', country: 'PT', timezone: 'Europe/Lisbon', lat: 41.1545, lng: -8.6185 };

describe('studio profile', () => {
  it('returns the studio profile with its currency and both locations', async () => {
    const result = await call(agent, 'get_studio_profile');
    expect(result.data).toMatchObject({ name: 'Lotus Loft', currency: 'EUR', website: 'https://lotusloft.example', email: 'hello@lotusloft.example' });
    expect((result.data.locations as { id: string }[]).map((l) => l.id).sort()).toEqual(['loc_lisbon', 'loc_stockholm']);
  });

  it('changes the fields given and keeps the others', async () => {
    const result = await call(agent, 'update_studio_profile', { tagline: 'Two cities, one loft.', phone: '+351 21 555 0100', website: 'https://lotus.example/studio' });
    expect(result.isError, result.text).toBe(false);
    expect(tg.gateway.services.storage.studio.get()).toMatchObject({
      name: 'Lotus Loft',
      tagline: 'Two cities, one loft.',
      phone: '+351 21 555 0100',
      website: 'https://lotus.example/studio',
      email: 'hello@lotusloft.example',
      currency: 'EUR',
    });
  });

  it('clears website, email and phone with null', async () => {
    await call(agent, 'update_studio_profile', { website: null, email: null, phone: null });
    expect(tg.gateway.services.storage.studio.get()).toMatchObject({ website: null, email: null, phone: null, name: 'Lotus Loft' });
  });

  it('refuses to change the currency, saying why, and changes nothing', async () => {
    const before = studioRows();
    const result = await call(agent, 'update_studio_profile', { name: 'Renamed', currency: 'SEK' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('currency cannot be changed');
    expect(result.text).toContain('EUR');
    expect(studioRows()).toEqual(before);
  });

  it('has no tool for payment or payout settings, and refuses them as arguments', async () => {
    const everything = await agentWith(tg, ['write:studio', 'write:profile', 'write:mentor', 'write:financials', 'read:public']);
    const names = (await everything.listTools()).tools.map((t) => t.name);
    expect(names.filter((n) => /pay(out|ment)|stripe|bank/.test(n))).toEqual([]);
    await everything.close();
    const before = studioRows();
    const result = await call(agent, 'update_studio_profile', { name: 'Renamed', payout_account: 'SE45 5000 0000 0583 9825 7466' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('payout_account');
    expect(studioRows()).toEqual(before);
  });

  it.each([
    ['website', { website: 'http://lotusloft.example' }],
    ['website', { website: 'lotusloft.example' }],
    ['email', { email: 'hello-at-lotusloft' }],
    ['phone', { phone: 'call me maybe' }],
    ['name', { name: '' }],
    ['tagline', { tagline: 't'.repeat(161) }],
    ['description', { description: 'd'.repeat(4001) }],
    ['at least one', {}],
  ])('refuses a bad %s naming it, changing nothing', async (field, args) => {
    const before = studioRows();
    const result = await call(agent, 'update_studio_profile', args);
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(studioRows()).toEqual(before);
  });
});

describe('locations', () => {
  it('lists the locations with address, country, time zone and coordinates', async () => {
    const result = await call(agent, 'list_locations');
    const stockholm = (result.data.locations as Record<string, unknown>[]).find((l) => l.id === 'loc_stockholm');
    expect(stockholm).toMatchObject({ name: 'Lotus Loft Södermalm', address: 'Hornsgatan 54', city: 'Stockholm', country: 'SE', timezone: 'Europe/Stockholm', lat: 59.3172, lng: 18.0621 });
    expect((result.data.locations as unknown[]).length).toBe(2);
  });

  it('creates a location that mentors can then refer to', async () => {
    const created = await call(agent, 'create_location', { ...porto, country: 'pt' });
    expect(created.isError, created.text).toBe(false);
    const id = created.data.id as string;
    expect(tg.gateway.services.storage.locations.find(id)).toMatchObject({ ...porto, country: 'PT' });
    const mentorAgent = await agentWith(tg, ['write:mentor']);
    const updated = await call(mentorAgent, 'update_mentor_profile', { location_ids: [id] });
    expect(updated.isError, updated.text).toBe(false);
    await mentorAgent.close();
  });

  it.each([
    ['timezone', { timezone: 'Europe/Atlantis' }],
    ['timezone', { timezone: 'CET+1' }],
    ['country', { country: 'XX' }],
    ['country', { country: 'EU' }],
    ['country', { country: 'PRT' }],
    ['country', { country: 'Portugal' }],
    ['lat', { lat: 91 }],
    ['lng', { lng: -180.5 }],
    ['name', { name: '' }],
    ['address', { address: 'a'.repeat(201) }],
  ])('refuses a bad %s when creating, changing nothing', async (field, override) => {
    const before = studioRows();
    const result = await call(agent, 'create_location', { ...porto, ...override });
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(studioRows()).toEqual(before);
  });

  it('updates only the fields given', async () => {
    const before = tg.gateway.services.storage.locations.find('loc_lisbon');
    const result = await call(agent, 'update_location', { location_id: 'loc_lisbon', address: 'Rua da Escola Politécnica 114', lat: 38.7169 });
    expect(result.isError, result.text).toBe(false);
    expect(tg.gateway.services.storage.locations.find('loc_lisbon')).toEqual({ ...before, address: 'Rua da Escola Politécnica 114', lat: 38.7169 });
  });

  it.each([
    ['timezone', { location_id: 'loc_lisbon', timezone: 'Lisbon' }],
    ['country', { location_id: 'loc_lisbon', country: 'ZZ' }],
    ['lat', { location_id: 'loc_lisbon', lat: -90.01 }],
    ['location_id', { location_id: 'loc_nowhere', city: 'Porto' }],
    ['at least one', { location_id: 'loc_lisbon' }],
  ])('refuses a bad %s when updating, changing nothing', async (field, args) => {
    const before = studioRows();
    const result = await call(agent, 'update_location', args);
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(studioRows()).toEqual(before);
  });

  it('the service checks a location from a caller without the tool schema too', () => {
    const before = studioRows();
    expect(() => tg.gateway.services.studio.createLocation({ ...porto, country: 'XX' })).toThrow(/country/);
    expect(() => tg.gateway.services.studio.updateLocation('loc_lisbon', { timezone: 'Mars/Olympus' })).toThrow(/timezone/);
    expect(studioRows()).toEqual(before);
  });
});
