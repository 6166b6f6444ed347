/**
 * Who stands behind an app's name, in the owner's words. An app known by its client metadata document had its name
 * and details fetched from its domain over verified https (client-id-url.ts); a registered app named itself. When
 * the answer goes to a program on this computer, any program here could present the same published details: the
 * badge then says where the details come from, not that the app is verified.
 */
export function VerifiedBadge({ domain, onThisComputer = false }: { domain: string | null; onThisComputer?: boolean }) {
  if (!domain) {
    return (
      <span className="badge warn" title="The app chose this name itself; Studio Gateway cannot verify it.">
        unverified
      </span>
    );
  }
  if (onThisComputer) {
    return (
      <span className="badge warn" title={`The name and details come from ${domain}, but the app answers on this computer, where another program could use the same details. Approve only if you just started this app yourself.`}>
        details from {domain}
      </span>
    );
  }
  return (
    <span className="badge ok" title={`Studio Gateway checked that ${domain} publishes this app's name and details.`}>
      Verified: {domain}
    </span>
  );
}
