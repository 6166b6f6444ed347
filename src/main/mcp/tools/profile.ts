import { z } from 'zod';
import { defineTool, IDEMPOTENT_WRITE, READ } from '../tool.ts';

const settingValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const profileTools = [
  defineTool({
    name: 'get_profile',
    title: 'Get my profile',
    description: "Returns the owner's own profile: name, email (and whether it is verified), account type and settings. Needs read:profile.",
    scopes: ['read:profile'],
    annotations: READ,
    input: z.object({}).strict(),
    handler: (_args, { services }) => {
      const { id: _subject, ...profile } = services.owner.get();
      return profile;
    },
  }),
  defineTool({
    name: 'update_profile',
    title: 'Update my profile',
    description:
      "Changes the owner's name and/or settings (settings are merged: keys you send replace those keys, others stay). " +
      'The email cannot be changed here. Needs write:profile.',
    scopes: ['write:profile'],
    annotations: IDEMPOTENT_WRITE,
    input: z
      .object({
        name: z.string().trim().min(1).max(100).optional().describe('Display name, 1–100 characters'),
        settings: z.record(z.string().min(1).max(64), settingValue).optional().describe('Settings to set, by key'),
        email: z.string().optional().describe('Not changeable through an agent: sending it is refused and changes nothing'),
      })
      .strict(),
    handler: (args, { services }) => {
      const { id: _subject, ...profile } = services.owner.update(args);
      return profile;
    },
  }),
];
