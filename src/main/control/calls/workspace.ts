import { z } from 'zod';
import type { GatewayStatus, WorkspaceCounts } from '../../../shared/control-api.ts';
import { DomainError } from '../../errors.ts';
import { seedDemoWorkspace } from '../../studio/demo/index.ts';
import { exportWorkspace, importWorkspace, startEmptyWorkspace, wipeWorkspace, workspaceCounts, workspaceState } from '../../studio/workspace-file.ts';
import { call, read, returns } from './define.ts';

const MAX_WORKSPACE_FILE = 64 * 1024 * 1024;

/** The studio's data as a whole: first launch, export, import, wipe. */
export const workspaceCalls = {
  'workspace.export': read<{ json: string; counts: WorkspaceCounts }>(({ services }) => {
    const file = exportWorkspace(services.storage, services.now());
    return { json: JSON.stringify(file, null, 2), counts: workspaceCounts(file) };
  }),

  /** Replaces the whole workspace with an exported file (its JSON text). */
  'workspace.import': call({
    input: z.object({ json: z.string().min(2).max(MAX_WORKSPACE_FILE) }).strict(),
    output: returns<{ counts: WorkspaceCounts }>(),
    audit: { sensitive: ['json'] },
    // The file's text, with room for the JSON around it.
    bodyLimit: MAX_WORKSPACE_FILE + 1024,
    handler: ({ json }, { services }) => ({ counts: importWorkspace(services.storage, json, services.now()) }),
  }),

  /** Typed confirmation: the panel asks the owner to type "wipe". */
  'workspace.wipe': call({
    input: z.object({ confirm: z.literal('wipe') }).strict(),
    output: returns<{ removed: WorkspaceCounts }>(),
    audit: {},
    handler: (_input, { services }) => ({ removed: wipeWorkspace(services.storage, services.now()) }),
  }),

  /** First launch: try the demo studio, or start empty (importing a file is workspace.import). */
  'workspace.start': call({
    input: z.object({ choice: z.enum(['demo', 'empty']) }).strict(),
    output: returns<{ workspace: GatewayStatus['workspace'] }>(),
    audit: {},
    handler: ({ choice }, { services }) => {
      const { storage } = services;
      if (choice === 'empty') startEmptyWorkspace(storage, services.now());
      else if (!seedDemoWorkspace(storage, { now: services.now() })) throw new DomainError('already_started', 'This workspace already holds a studio. Nothing was changed.');
      return { workspace: workspaceState(storage) };
    },
  }),
};
