import { effectiveScopes } from '../../shared/scopes.ts';
import type { ToolDefinition } from './tool.ts';

/**
 * Decides whether a grant allows a tool. Tiers are additive (write implies read, delete implies write), and
 * a tool accepts any one of its scopes.
 */
export function isAllowed(tool: Pick<ToolDefinition, 'scopes'>, effective: ReadonlySet<string>): boolean {
  return tool.scopes.some((scope) => effective.has(scope));
}

/** The scope to ask the owner for when a tool is refused (the least powerful one that would allow it), and the audit reason. */
export function scopeRefusal(tool: Pick<ToolDefinition, 'scopes'>): { needed: string; reason: string } {
  const needed = tool.scopes[0];
  return { needed, reason: `insufficient_scope: needs ${needed}` };
}

export interface ScopeCheck {
  readonly effective: ReadonlySet<string>;
  allows(tool: Pick<ToolDefinition, 'scopes'>): boolean;
}

export function scopeCheck(granted: Iterable<string>): ScopeCheck {
  const effective = effectiveScopes(granted);
  return { effective, allows: (tool) => isAllowed(tool, effective) };
}

const checks = new WeakMap<readonly string[], ScopeCheck>();

/**
 * The check of a caller's scopes, made once per list: a caller (a bearer verdict) and its list are reused while its
 * token is unchanged (bearer.ts), and a changed token brings a new list.
 */
export function scopeCheckOf(caller: { readonly scopes: readonly string[] }): ScopeCheck {
  let check = checks.get(caller.scopes);
  if (!check) checks.set(caller.scopes, (check = scopeCheck(caller.scopes)));
  return check;
}
