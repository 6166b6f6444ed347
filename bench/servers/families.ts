// Refresh-token families on request, for the token-endpoint benchmark: the benchmark process sends {mint: n} over the
// IPC channel of the server it spawned, the server answers {families}. Each round starts on fresh families: a family
// that has rotated thousands of times measures its own history (oidc-provider's in-memory adapter walks every token a
// grant ever had on each save), not the endpoint.

/** One client with the latest refresh token of its grant. */
export interface Family {
  clientId: string;
  refreshToken: string;
}

/** Answers {mint: n} with n new families, and {stats: true} with the server's group-commit counts (when it has some). */
export function answerMintRequests(mint: () => Promise<Family>, stats: () => { groups: number; writes: number } | undefined = () => undefined): void {
  process.on('message', (message: { mint?: number; stats?: boolean }) => {
    if (message.stats) return void process.send?.({ stats: stats() ?? null });
    void (async () => {
      const families: Family[] = [];
      for (let i = 0; i < (message.mint ?? 0); i++) families.push(await mint());
      process.send?.({ families });
    })();
  });
}
