import { SCOPE_NAMES } from '../../shared/scopes.ts';

/**
 * OAuth 2.0 Protected Resource Metadata for the MCP endpoint (RFC 9728 §2; MCP "Authorization Server
 * Discovery"). `resource` is the MCP URL exactly (§3.3: it must match the URL the client used), and the
 * authorization server is this gateway's pathless issuer.
 */
export function protectedResourceMetadata(issuer: string, mcpUrl: string) {
  return {
    resource: mcpUrl,
    authorization_servers: [issuer],
    scopes_supported: [...SCOPE_NAMES],
    bearer_methods_supported: ['header'],
    resource_name: 'Studio Gateway',
  };
}

/** RFC 9728 §3.1: the metadata URL for a resource with a path inserts the well-known segment before it. */
export function resourceMetadataUrl(issuer: string, mcpUrl: string): string {
  return `${issuer}/.well-known/oauth-protected-resource${new URL(mcpUrl).pathname}`;
}
