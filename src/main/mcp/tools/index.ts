import type { ToolDefinition } from '../tool.ts';
import { profileTools } from './profile.ts';

/** Every MCP tool the gateway offers. Each carries its scopes: this list is the tool → scope table. */
export const TOOLS: readonly ToolDefinition[] = [...profileTools];
