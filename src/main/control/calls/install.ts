import { z } from 'zod';
import type { InstallResult, InstallTarget } from '../../../shared/control-api.ts';
import { INSTALL_CLIENTS } from '../../../shared/snippets.ts';
import { call, clientOfResult, read, returns } from './define.ts';
import { mintFields } from './tokens.ts';

const installInput = z.object({ client: z.enum(INSTALL_CLIENTS), ...mintFields }).strict();
/** What installer.ts installs from. */
export type InstallInput = z.input<typeof installInput>;

/** Agent setup's one-click install into Claude Desktop, Claude Code, Cursor or VS Code. */
export const installCalls = {
  /** Each client Agent setup can install into: how, where, and whether it looks installed here. */
  'install.targets': read<InstallTarget[]>(({ install }) => install.targets()),

  /**
   * Mints a token like tokens.mint and installs it in the client (its config file, its CLI or its install link).
   * No path comes from the caller: each client's place is known (src/main/install/client-paths.ts).
   */
  'install.run': call({
    input: installInput,
    output: returns<InstallResult>(),
    audit: { client: clientOfResult },
    handler: (input, { install }) => install.run(input),
  }),
};
