import { appName } from '../../shared/app-name.ts';
import type { SentenceNames } from '../../shared/audit-sentence/sentence.ts';
import { titleFromName } from '../../shared/audit-sentence/tool-words.ts';
import { TOOLS } from '../mcp/tools/index.ts';
import type { AppsRepo } from '../storage/apps-repo.ts';

const TOOL_TITLES: ReadonlyMap<string, string> = new Map(TOOLS.map((tool) => [tool.name, tool.title]));

/**
 * The names the log's sentences use outside the panel (the CSV export), as the panel has them: an app's name from the
 * apps table (revoked apps stay there; "Unnamed app" for one registered without a name), a tool's title, or one
 * made from its name when the gateway no longer offers it.
 */
export function sentenceNames(apps: AppsRepo): SentenceNames {
  const appNames = new Map<string, string | undefined>();
  return {
    app(clientId) {
      if (!appNames.has(clientId)) {
        const app = apps.find(clientId);
        appNames.set(clientId, app ? appName(app.clientName) : undefined);
      }
      return appNames.get(clientId);
    },
    toolTitle: (tool) => TOOL_TITLES.get(tool) ?? titleFromName(tool),
  };
}
