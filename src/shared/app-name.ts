/**
 * What the owner reads for an app that registered without a name (RFC 7591 §2 makes client_name optional): never its
 * client id, a random string that means nothing to her. Its details (the dialog's "Details", Connected apps) still
 * show the id and where it answers, for telling two such apps apart.
 */
export const UNNAMED_APP = 'Unnamed app';

/** The app's name as the owner reads it. */
export function appName(clientName: string | null | undefined): string {
  return clientName?.trim() ? clientName : UNNAMED_APP;
}
