import { UNNAMED_APP } from '../app-name.ts';
import type { AuditOutcome } from '../audit-outcome.ts';
import type { SentenceRow } from './sentence.ts';

/** What the owner did with one panel call: "revoke Cursor's access" (tried) and "revoked Cursor's access" (done). */
type Deed = readonly [does: string, did: string];

const PROVIDERS: Record<string, string> = { google: 'Google Calendar', zoom: 'Zoom', apple: 'Apple Calendar' };

/** The call's arguments as recorded (redacted), or nothing when they were cut short. */
function argsOf(row: SentenceRow): Record<string, unknown> {
  if (row.argsTruncated) return {};
  try {
    const args: unknown = JSON.parse(row.args);
    return typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Each panel call the log records, as the owner's deed (src/main/control/calls/). */
function deedOf(endpoint: string, args: Record<string, unknown>, app: string): Deed | undefined {
  const provider = PROVIDERS[String(args.provider)] ?? 'a calendar service';
  switch (endpoint) {
    case 'consent.decide':
      return args.decision === 'deny' ? [`turn down ${app}'s request to connect`, `turned down ${app}'s request to connect`] : [`let ${app} connect`, `let ${app} connect`];
    case 'approvals.decide': {
      const whose = app === 'an app' ? 'a request that waited for you' : `${app}'s request that waited for you`;
      return args.decision === 'deny' ? [`deny ${whose}`, `denied ${whose}`] : [`approve ${whose}`, `approved ${whose}`];
    }
    case 'apps.revoke':
      return [`revoke ${app}'s access`, `revoked ${app}'s access`];
    case 'apps.editPermissions':
      return args.confirmedWidening === true ? [`let ${app} do more`, `let ${app} do more`] : [`change what ${app} may do`, `changed what ${app} may do`];
    case 'gateway.setPaused':
      return args.paused === false ? ['let agents work again', 'let agents work again'] : ['pause all agents', 'paused all agents'];
    case 'tokens.mint':
      return [`make a setup key for ${app}`, `made a setup key for ${app}`];
    case 'install.run':
      return [`add Studio Gateway to ${app}`, `added Studio Gateway to ${app}`];
    case 'settings.update':
      return ['change settings', 'changed settings'];
    case 'connections.configureApp':
      return [`set up the app details for ${provider}`, `set up the app details for ${provider}`];
    case 'connections.connect':
    case 'connections.callback':
      return [`connect ${provider}`, `connected ${provider}`];
    case 'connections.connectApple':
      return ['connect Apple Calendar', 'connected Apple Calendar'];
    case 'connections.disconnect':
      return [`disconnect ${provider}`, `disconnected ${provider}`];
    case 'connections.selectCalendar':
      return ['choose a calendar', 'chose a calendar'];
    case 'connections.retryJob':
      return ['retry a calendar sync', 'retried a calendar sync'];
    case 'feed.rotate':
      return ['make a new calendar feed link', 'made a new calendar feed link'];
    case 'feed.disable':
      return ['turn the calendar feed off', 'turned the calendar feed off'];
    case 'workspace.import':
      return ['import a studio file', 'imported a studio file'];
    case 'workspace.wipe':
      return ["wipe the studio's data", "wiped the studio's data"];
    case 'workspace.start':
      return args.choice === 'demo' ? ['start with the sample studio', 'started with the sample studio'] : ['start an empty studio', 'started an empty studio'];
    case 'browsers.signOut':
      return ['sign a browser out', 'signed a browser out'];
    case 'browsers.signOutAll':
      return ['sign every browser out', 'signed every browser out'];
    case 'updates.install':
      return ['install an update', 'installed an update'];
    default:
      return undefined;
  }
}

/** "apps.editScopes" → "apps: edit scopes", for a call this list does not know yet. */
function words(endpoint: string): string {
  const [area = '', verb = ''] = endpoint.split('.');
  return `${area}: ${verb.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`;
}

/** A panel call as the owner's sentence: "You revoked Cursor's access", "You tried to connect Zoom". */
export function ownerSentence(row: SentenceRow, outcome: AuditOutcome, app: string): string {
  if (row.endpoint === 'panel.signIn') return outcome === 'done' ? 'You signed in to the panel' : 'Someone tried to sign in to the panel with a link that does not work';
  // Mid-sentence, an app without a name is "an app" or "an unnamed app" ("You revoked an unnamed app's access").
  const deed = deedOf(row.endpoint, argsOf(row), /^An (app|agent)$/.test(app) ? 'an app' : app === UNNAMED_APP ? 'an unnamed app' : app);
  if (!deed) return outcome === 'done' ? `You used “${words(row.endpoint)}”` : `You tried to use “${words(row.endpoint)}”`;
  return outcome === 'done' ? `You ${deed[1]}` : `You tried to ${deed[0]}`;
}
