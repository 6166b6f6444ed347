import type { ToolDefinition } from '../tool.ts';
import { bookingTools } from './bookings.ts';
import { classTools } from './classes.ts';
import { clientTools } from './clients.ts';
import { financialTools } from './financials.ts';
import { messageTools } from './messages.ts';
import { profileTools } from './profile.ts';
import { reviewTools } from './reviews.ts';
import { mentorTools } from './mentors.ts';
import { studioTools } from './studio.ts';
import { directoryTools } from './directory.ts';

/** Every MCP tool the gateway offers. Each carries its scopes: this list is the tool → scope table. */
export const TOOLS: readonly ToolDefinition[] = [
  ...profileTools,
  ...mentorTools,
  ...studioTools,
  ...classTools,
  ...bookingTools,
  ...clientTools,
  ...financialTools,
  ...reviewTools,
  ...messageTools,
  ...directoryTools,
];
