import type { ToolDefinition } from '../tool.ts';
import { bookingTools } from './bookings.ts';
import { classTools } from './classes.ts';
import { clientTools } from './clients.ts';
import { profileTools } from './profile.ts';

/** Every MCP tool the gateway offers. Each carries its scopes: this list is the tool → scope table. */
export const TOOLS: readonly ToolDefinition[] = [...profileTools, ...classTools, ...bookingTools, ...clientTools];
