import { z } from 'zod';
import type { GatewaySettings } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';

const settingsUpdate = z
  .object({
    subscriptionTier: z.enum(['free', 'pro', 'premium']).optional(),
    theme: z.enum(['light', 'dark', 'system']).optional(),
    /** The port to listen on from the next start (the current one stays until then). */
    preferredPort: z.number().int().min(1024).max(65535).optional(),
    /** Desktop app only: start with the operating system's session. */
    startAtLogin: z.boolean().optional(),
    /** Desktop app only: look for updates by itself (and download them; installing is always the owner's click). */
    checkForUpdates: z.boolean().optional(),
    approvals: z
      .object({
        enabled: z.boolean().optional(),
        timeoutSeconds: z.number().int().min(10).max(110).optional(),
        /** Tools that wait for approval besides the delete tier. */
        tools: z.array(z.string().min(1).max(64)).max(100).optional(),
      })
      .strict()
      .optional(),
    /** Tool calls per app: `burst` at once, then `perMinute`; more are refused with 429 until there is room. */
    toolCallLimit: z.object({ burst: z.number().int().min(1).max(10_000), perMinute: z.number().int().min(1).max(100_000) }).strict().optional(),
    /** Audit rows older than this many days are pruned (the chain stays verifiable); null keeps everything. */
    auditRetentionDays: z.number().int().min(7).max(3650).nullable().optional(),
  })
  .strict();
/** What gateway-settings.ts applies. */
export type SettingsUpdate = z.input<typeof settingsUpdate>;

/** Settings: plan, theme, port, approvals, limits, retention, and the desktop app's own. */
export const settingsCalls = {
  'settings.get': read<GatewaySettings>(({ settings }) => settings.get()),

  'settings.update': call({
    input: settingsUpdate,
    output: returns<GatewaySettings>(),
    audit: {},
    handler: (input, { settings }) => settings.update(input),
  }),
};
