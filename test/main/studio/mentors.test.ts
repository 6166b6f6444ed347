import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { tableRows } from '../../support/table-rows.ts';
import { agentWith, call } from '../../support/tools.ts';

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await agentWith(tg, ['write:mentor']);
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

const mentorRows = () => tableRows(tg, 'mentors', 'certifications');
const mentor = (id: string) => tg.gateway.services.storage.mentors.find(id);

describe('list_mentors', () => {
  it("lists every mentor, the owner's own profile first, with id, name, practices and is_owner only", async () => {
    const result = await call(agent, 'list_mentors');
    const mentors = result.data.mentors as Record<string, unknown>[];
    expect(mentors.map((m) => m.id)).toEqual(['men_maya', 'men_elin', 'men_joao']);
    expect(mentors.filter((m) => m.is_owner === true).map((m) => m.id)).toEqual(['men_maya']);
    expect(mentors[0]).toEqual({ id: 'men_maya', name: 'Maya Lindqvist', practices: ['yoga', 'yin', 'meditation'], is_owner: true });
    for (const m of mentors) expect(Object.keys(m).sort()).toEqual(['id', 'is_owner', 'name', 'practices']);
  });

  it('is open to a studio account through read:studio, which does not open the mentor profile itself', async () => {
    const studio = await agentWith(tg, ['read:studio']);
    const names = (await studio.listTools()).tools.map((t) => t.name);
    expect(names).toContain('list_mentors');
    expect(names).not.toContain('get_mentor_profile');
    const result = await call(studio, 'list_mentors');
    expect(result.isError).toBe(false);
    expect((result.data.mentors as unknown[]).length).toBe(3);
    await studio.close();
  });
});

describe('get_mentor_profile', () => {
  it("returns the owner's own mentor profile by default, with locations, certifications and the classes they teach", async () => {
    const { storage } = tg.gateway.services;
    const result = await call(agent, 'get_mentor_profile');
    expect(result.data).toMatchObject({ id: 'men_maya', is_owner: true, practices: ['yoga', 'yin', 'meditation'], photos: ['https://lotusloft.example/mentors/men_maya.jpg'] });
    expect(result.data.bio).toContain('Founder of Lotus Loft');
    expect(result.data.locations).toEqual([{ id: 'loc_stockholm', name: 'Lotus Loft Södermalm', city: 'Stockholm' }]);
    expect(result.data.certifications).toEqual(storage.certifications.forMentor('men_maya').map(({ mentorId: _m, ...c }) => c));
    expect((result.data.certifications as unknown[]).length).toBe(2);
    const taught = storage.classes.all().filter((c) => c.mentorId === 'men_maya').map((c) => ({ id: c.id, title: c.title }));
    expect(result.data.classes).toEqual(taught);
    expect(taught.length).toBeGreaterThan(0);
  });

  it('returns another mentor by id, with every location they teach at', async () => {
    const result = await call(agent, 'get_mentor_profile', { mentor_id: 'men_elin' });
    expect(result.data).toMatchObject({ id: 'men_elin', is_owner: false });
    expect((result.data.locations as { id: string }[]).map((l) => l.id)).toEqual(['loc_stockholm', 'loc_lisbon']);
    expect((result.data.classes as { id: string }[]).map((c) => c.id)).toContain('cls_online_breath');
  });

  it('names mentor_id when the mentor does not exist', async () => {
    const result = await call(agent, 'get_mentor_profile', { mentor_id: 'men_nobody' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('mentor_id');
  });
});

describe('update_mentor_profile', () => {
  it("changes the owner's own profile by default and leaves the other mentors alone", async () => {
    const joaoBefore = mentor('men_joao');
    const result = await call(agent, 'update_mentor_profile', {
      name: 'Maya Lindqvist-Berg',
      bio: 'Vinyasa and yin.',
      practices: ['yoga', 'yin', 'hatha-yoga'],
      photos: ['https://cdn.example/maya-1.jpg', 'https://cdn.example/maya-2.jpg'],
      location_ids: ['loc_lisbon', 'loc_stockholm'],
    });
    expect(result.isError, result.text).toBe(false);
    expect(mentor('men_maya')).toMatchObject({
      name: 'Maya Lindqvist-Berg',
      bio: 'Vinyasa and yin.',
      practices: ['yoga', 'yin', 'hatha-yoga'],
      photos: ['https://cdn.example/maya-1.jpg', 'https://cdn.example/maya-2.jpg'],
      locationIds: ['loc_lisbon', 'loc_stockholm'],
      isOwner: true,
    });
    expect((result.data.locations as { id: string }[]).map((l) => l.id)).toEqual(['loc_lisbon', 'loc_stockholm']);
    expect(mentor('men_joao')).toEqual(joaoBefore);
  });

  it('changes only the fields given, on the mentor named', async () => {
    const before = mentor('men_joao');
    await call(agent, 'update_mentor_profile', { mentor_id: 'men_joao', bio: 'Reformer, mat and barre.' });
    expect(mentor('men_joao')).toEqual({ ...before, bio: 'Reformer, mat and barre.', updatedAt: expect.any(Number) });
  });

  it('drops duplicate practices, photos and locations', async () => {
    await call(agent, 'update_mentor_profile', { practices: ['yoga', 'yoga'], photos: ['https://a.example/1.jpg', 'https://a.example/1.jpg'], location_ids: ['loc_lisbon', 'loc_lisbon'] });
    expect(mentor('men_maya')).toMatchObject({ practices: ['yoga'], photos: ['https://a.example/1.jpg'], locationIds: ['loc_lisbon'] });
  });

  it.each([
    ['photos', { photos: ['http://cdn.example/maya.jpg'] }],
    ['photos', { photos: ['https://cdn.example/ok.jpg', 'ftp://cdn.example/maya.jpg'] }],
    ['photos', { photos: ['javascript:alert(1)'] }],
    ['photos', { photos: ['https://user:secret@cdn.example/maya.jpg'] }],
    ['photos', { photos: ['not a url'] }],
    ['photos', { photos: Array.from({ length: 11 }, (_, i) => `https://cdn.example/${i}.jpg`) }],
    ['location_ids', { location_ids: ['loc_stockholm', 'loc_nowhere'] }],
    ['practices', { practices: ['Yoga'] }],
    ['practices', { practices: ['power yoga'] }],
    ['practices', { practices: ['yoga!'] }],
    ['practices', { practices: ['x'.repeat(31)] }],
    ['practices', { practices: Array.from({ length: 13 }, (_, i) => `practice${'abcdefghijklm'[i]}`) }],
    ['bio', { bio: 'b'.repeat(4001) }],
    ['name', { name: '' }],
    ['mentor_id', { mentor_id: 'men_nobody', bio: 'x' }],
    ['at least one', {}],
  ])('refuses a bad %s with a tool error naming it, changing nothing', async (field, args) => {
    const before = mentorRows();
    const result = await call(agent, 'update_mentor_profile', { ...args });
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(mentorRows()).toEqual(before);
  });

  it('accepts exactly 12 practices, 10 photos and a 4000-character bio', async () => {
    const practices = Array.from({ length: 12 }, (_, i) => `practice${'abcdefghijkl'[i]}`);
    const photos = Array.from({ length: 10 }, (_, i) => `https://cdn.example/${i}.jpg`);
    const result = await call(agent, 'update_mentor_profile', { practices, photos, bio: 'b'.repeat(4000) });
    expect(result.isError, result.text).toBe(false);
    expect(mentor('men_maya')).toMatchObject({ practices, photos });
  });
});

describe('certifications', () => {
  it("adds a certification to the owner's own profile by default", async () => {
    const result = await call(agent, 'add_certification', { title: 'Prenatal Yoga', issuer: 'Yoga Alliance', year: 2022 });
    expect(result.isError, result.text).toBe(false);
    expect(result.data).toMatchObject({ mentor_id: 'men_maya', title: 'Prenatal Yoga', issuer: 'Yoga Alliance', year: 2022 });
    expect(tg.gateway.services.storage.certifications.find(result.data.id as string)).toMatchObject({ mentorId: 'men_maya', title: 'Prenatal Yoga' });
    expect(tg.gateway.services.storage.certifications.forMentor('men_maya')).toHaveLength(3);
  });

  it('adds a certification to the mentor named, this year included', async () => {
    const year = new Date().getUTCFullYear();
    const result = await call(agent, 'add_certification', { mentor_id: 'men_joao', title: 'Barre Level 2', issuer: 'Barre Academy', year });
    expect(result.isError, result.text).toBe(false);
    expect(tg.gateway.services.storage.certifications.forMentor('men_joao').map((c) => c.title)).toContain('Barre Level 2');
  });

  it.each([
    ['year', { year: 1949 }],
    ['year', { year: new Date().getUTCFullYear() + 1 }],
    ['year', { year: 2020.5 }],
    ['title', { title: '' }],
    ['issuer', { issuer: 'i'.repeat(121) }],
    ['mentor_id', { mentor_id: 'men_nobody' }],
  ])('refuses a bad %s, changing nothing', async (field, override) => {
    const before = mentorRows();
    const result = await call(agent, 'add_certification', { title: 'Prenatal Yoga', issuer: 'Yoga Alliance', year: 2022, ...override });
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(mentorRows()).toEqual(before);
  });

  it("removes one of the owner's own certifications", async () => {
    const [first, second] = tg.gateway.services.storage.certifications.forMentor('men_maya');
    const result = await call(agent, 'remove_certification', { certification_id: first?.id });
    expect(result.isError, result.text).toBe(false);
    expect(tg.gateway.services.storage.certifications.forMentor('men_maya')).toEqual([second]);
  });

  it("refuses to remove another mentor's certification through the owner's profile, naming certification_id and changing nothing", async () => {
    const joaos = tg.gateway.services.storage.certifications.forMentor('men_joao')[0];
    const before = mentorRows();
    const result = await call(agent, 'remove_certification', { certification_id: joaos?.id });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('certification_id');
    expect(result.text).toContain('Nothing was changed');
    expect(mentorRows()).toEqual(before);
  });

  it('refuses a certification that belongs to a different mentor than the one named', async () => {
    const mayas = tg.gateway.services.storage.certifications.forMentor('men_maya')[0];
    const before = mentorRows();
    const result = await call(agent, 'remove_certification', { mentor_id: 'men_elin', certification_id: mayas?.id });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('certification_id');
    expect(mentorRows()).toEqual(before);
  });

  it('removes a certification of the mentor named', async () => {
    const joaos = tg.gateway.services.storage.certifications.forMentor('men_joao')[0];
    const result = await call(agent, 'remove_certification', { mentor_id: 'men_joao', certification_id: joaos?.id });
    expect(result.isError, result.text).toBe(false);
    expect(tg.gateway.services.storage.certifications.forMentor('men_joao')).toEqual([]);
  });

  it('names certification_id when it does not exist', async () => {
    const before = mentorRows();
    const result = await call(agent, 'remove_certification', { certification_id: 'cert_nope' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('certification_id');
    expect(mentorRows()).toEqual(before);
  });
});
