import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAgentCallback, type AgentCallback } from '../support/agent-callback.ts';
import { mcpClient, transportFor } from '../support/mcp-agent.ts';
import { DocumentServer, makeTestPki, metadataDocument, MetadataDocumentAgent } from '../support/metadata-documents.ts';
import { CHROMIUM, SCREENSHOTS } from './chromium.ts';
import { usePanelHarness } from './panel-harness.ts';

// An app known by its client metadata document, as the owner sees it in real Chromium: verified by its domain.

let documents: DocumentServer;
let ca: string;
let callback: AgentCallback;

describe.runIf(CHROMIUM)('a verified app in the control panel', () => {
  const harness = usePanelHarness({ gateway: () => ({ metadataDocuments: { hosts: { 'agent.test': '127.0.0.1' }, ca } }) });
  beforeAll(async () => {
    const pki = makeTestPki(['agent.test']);
    ca = pki.ca;
    documents = await DocumentServer.start(pki);
  });
  afterAll(async () => {
    await documents?.close();
  });
  beforeEach(async () => {
    callback = await startAgentCallback();
  });
  afterEach(() => {
    callback.close();
  });

  it('shows where the details come from on the waiting page, in the consent dialog and under Connected apps — not "Verified", since the app answers on this computer', async () => {
    const url = documents.url('agent.test', '/claude-like-client.json');
    documents.serveJson('/claude-like-client.json', metadataDocument(url, { client_name: 'Document Agent' }));
    const domain = `agent.test:${documents.port}`;
    const agent = new MetadataDocumentAgent(url, callback.port);
    await mcpClient().connect(transportFor(harness.tg, agent)).catch(() => undefined);

    const agentTab = await harness.context.newPage();
    await agentTab.goto((agent.authorizationUrl as URL).href);
    await agentTab.getByText('Waiting for your approval').waitFor();
    // A loopback redirect: any program here could present the same document (MCP "Localhost Redirect URI Risks").
    expect(await agentTab.getByText(`details from ${domain}`).isVisible()).toBe(true);
    expect(await agentTab.getByText('Verified').count()).toBe(0);
    expect(await agentTab.getByText('unverified').count()).toBe(0);

    const panel = await harness.context.newPage();
    await panel.goto(harness.tg.gateway.issueLoginLink());
    const dialog = panel.getByRole('dialog', { name: 'Document Agent asks for access' });
    await dialog.waitFor();
    const badge = dialog.getByText(`details from ${domain}`);
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.getAttribute('title')).toContain('another program could use the same details');
    expect(await dialog.getByText('unverified').count()).toBe(0);
    await panel.screenshot({ path: `${SCREENSHOTS}consent-verified.png` });
    await dialog.getByRole('button', { name: 'Approve selected' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => callback.redirected()?.searchParams.get('code'), { timeout: 10_000 }).toBeTruthy();

    await panel.goto(`${harness.tg.gateway.panelOrigin}/panel/#/apps`);
    const card = panel.locator(`[data-client-id="${url}"]`);
    await card.waitFor();
    expect(await card.getByText(`details from ${domain}`).isVisible()).toBe(true);
  });
});
