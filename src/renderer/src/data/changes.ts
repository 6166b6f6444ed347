import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ControlInput, GatewaySettings, GatewayStatus, PanelSessionView, UpdatesView } from '../../../shared/control-api.ts';
import { api, isWebPanel } from '../api.ts';
import { resultOf, type CallAnswer } from './call-answer.ts';
import { reads } from './reads.ts';

/** Writes a change's answer into the cache where the answer is the new state, so the panel shows it at once. */
type Answered<T> = (result: T, cache: QueryClient) => void;

/**
 * A control call that changes something: its refusal is thrown as a CallError (the page shows its message), and once
 * it is answered, done or refused, the reads it `changes` are fetched again (a refusal may mean it changed elsewhere).
 */
function useChange<T, I = void>(call: (input: I) => Promise<CallAnswer<T>>, changes: QueryKey[] | ((input: I) => QueryKey[]), answered?: Answered<T>) {
  const cache = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => resultOf(call(input)),
    onSuccess: (result) => answered?.(result, cache),
    onSettled: (_result, _error, input) => {
      for (const queryKey of typeof changes === 'function' ? changes(input) : changes) void cache.invalidateQueries({ queryKey });
    },
  });
}

const status = reads.status.queryKey;
const consentRequests = reads.consentRequests.queryKey;
const apps = reads.apps.queryKey;
const revokedApps = reads.revokedApps.queryKey;
const heldCalls = reads.heldCalls.queryKey;
const settings = reads.settings.queryKey;
const browsers = reads.browsers.queryKey;
const connections = reads.connections.queryKey;

const statusIs: Answered<GatewayStatus> = (answer, cache) => cache.setQueryData(status, answer);
const settingsAre: Answered<GatewaySettings> = (answer, cache) => cache.setQueryData(settings, answer);
const updatesAre: Answered<UpdatesView> = (updates, cache) => cache.setQueryData(settings, (held) => held && { ...held, updates });

// The gateway and the owner's decisions.
export const useSetPaused = () => useChange((input: ControlInput<'gateway.setPaused'>) => api.gatewaySetPaused(input), [status], statusIs);
export const useDecideConsent = () => useChange((input: ControlInput<'consent.decide'>) => api.consentDecide(input), [consentRequests, apps]);
// Deny and pause this app also pauses the app (its card says so).
export const useDecideHeldCall = () => useChange((input: ControlInput<'approvals.decide'>) => api.approvalsDecide(input), [heldCalls, apps]);

// Apps and their access.
export const useRevokeApp = () => useChange((input: ControlInput<'apps.revoke'>) => api.appsRevoke(input), [apps, revokedApps]);
export const useEditAppPermissions = () => useChange((input: ControlInput<'apps.editPermissions'>) => api.appsEditPermissions(input), [apps]);
export const useSetAppPaused = () => useChange((input: ControlInput<'apps.setPaused'>) => api.appsSetPaused(input), [apps]);
export const useMintToken = () => useChange((input: ControlInput<'tokens.mint'>) => api.tokensMint(input), [apps]);
export const useInstallInClient = () => useChange((input: ControlInput<'install.run'>) => api.installRun(input), [apps]);

// Settings, the desktop app's updates, and the log file.
export const useUpdateSettings = () => useChange((input: ControlInput<'settings.update'>) => api.settingsUpdate(input), [settings], settingsAre);
export const useCheckForUpdates = () => useChange(() => api.updatesCheck(), [settings], updatesAre);
export const useDownloadUpdate = () => useChange(() => api.updatesDownload(), [settings], updatesAre);
export const useInstallUpdate = () => useChange(() => api.updatesInstall(), [settings]);
export const useOpenLog = () => useChange(() => api.gatewayOpenLog(), []);

// The workspace: whether it is the demo, new or the owner's own shows in the gateway's status.
export const useStartWorkspace = () => useChange((input: ControlInput<'workspace.start'>) => api.workspaceStart(input), [status]);
export const useImportWorkspace = () => useChange((input: ControlInput<'workspace.import'>) => api.workspaceImport(input), [status]);
export const useWipeWorkspace = () => useChange((input: ControlInput<'workspace.wipe'>) => api.workspaceWipe(input), [status]);
/** Changes nothing; a mutation because the owner asks for it (a file to save), not a view to keep fresh. */
export const useExportWorkspace = () => useChange(() => api.workspaceExport(), []);

// Browsers signed in to the web panel. Signing this browser out ends the panel here: nothing is read again (a read
// would only be refused, and its refusal would replace the sign-in page's "You signed out" with the gateway's words).
export const useSignOutBrowser = () => useChange((session: PanelSessionView) => api.browsersSignOut({ id: session.id }), (session) => (session.current ? [] : [browsers]));
export const useSignOutEverywhere = () => useChange(() => api.browsersSignOutAll(), isWebPanel ? [] : [browsers]);

// Calendar and video connections, the feed and the background sync: all shown by connections.list.
export const useConfigureApp = () => useChange((input: ControlInput<'connections.configureApp'>) => api.connectionsConfigureApp(input), [connections]);
export const useConnect = () => useChange((input: ControlInput<'connections.connect'>) => api.connectionsConnect(input), [connections]);
export const useConnectApple = () => useChange((input: ControlInput<'connections.connectApple'>) => api.connectionsConnectApple(input), [connections]);
export const useDisconnect = () => useChange((input: ControlInput<'connections.disconnect'>) => api.connectionsDisconnect(input), [connections]);
export const useSelectCalendar = () => useChange((input: ControlInput<'connections.selectCalendar'>) => api.connectionsSelectCalendar(input), [connections]);
export const useReadBusyTimes = () => useChange(() => api.connectionsRefresh(), [connections]);
export const useRetryJob = () => useChange((input: ControlInput<'connections.retryJob'>) => api.connectionsRetryJob(input), [connections]);
export const useRotateFeed = () => useChange(() => api.feedRotate(), [connections]);
export const useDisableFeed = () => useChange(() => api.feedDisable(), [connections]);

/** Checks the audit log's hash chain: changes nothing; a mutation because the owner asks for it, once. */
export const useVerifyChain = () => useChange(() => api.auditVerify(), []);
