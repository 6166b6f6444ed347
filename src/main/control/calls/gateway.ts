import { z } from 'zod';
import type { GatewayStatus } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';

/** The gateway itself: its status, Pause all agents, and the desktop app's log. */
export const gatewayCalls = {
  'gateway.status': read<GatewayStatus>(({ status }) => status()),

  /** Pause all agents: every MCP request is refused until resumed. */
  'gateway.setPaused': call({
    input: z.object({ paused: z.boolean() }).strict(),
    output: returns<GatewayStatus>(),
    audit: {},
    handler: ({ paused }, { pause, approvals, status }) => {
      pause.set(paused);
      if (paused) approvals.endAll('paused');
      return status();
    },
  }),

  /** Desktop app: opens the log file with the system. */
  'gateway.openLog': read<{ opened: boolean; path: string }>(({ settings }) => settings.openLog()),
};
