/**
 * What crosses the Electron bridge. Free of runtime imports: the sandboxed preload may require nothing but electron,
 * and the renderer bundles neither zod nor the gateway. The calls' names reach them from the main process at run time
 * (the preload through its window's arguments), so the list of calls is written once, in src/main/control/calls/.
 */
import type { ControlCallName, ControlInput, ControlResult } from './control-api.ts';

/** 'audit.list' → 'auditList': the method name of a control call. */
export type MethodName<N extends string> = N extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : never;

export function methodName<N extends ControlCallName>(name: N): MethodName<N> {
  const [a = '', b = ''] = name.split('.');
  return `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}` as MethodName<N>;
}

/** A call's name is a lower-case area and a camelCase verb (`gateway.setPaused`), so its method name reads back. */
export const CALL_NAME = /^[a-z]+\.[a-z][A-Za-z]*$/;

/** 'gatewaySetPaused' → 'gateway.setPaused': the call a method name stands for (undefined when it is not one). */
export function callName(method: string): string | undefined {
  const match = /^([a-z]+)([A-Z][A-Za-z]*)$/.exec(method);
  return match ? `${match[1]}.${(match[2] ?? '').charAt(0).toLowerCase()}${(match[2] ?? '').slice(1)}` : undefined;
}

const CALLS_ARGUMENT = '--studio-control-calls=';

/** The window argument that hands the preload the calls' names (webPreferences.additionalArguments). */
export function controlCallsArgument(names: readonly string[]): string {
  return `${CALLS_ARGUMENT}${names.join(',')}`;
}

/** The calls' names from the preload's process.argv; only names of the call shape. */
export function controlCallsFromArgv(argv: readonly string[]): ControlCallName[] {
  const argument = argv.find((a) => a.startsWith(CALLS_ARGUMENT));
  return (argument?.slice(CALLS_ARGUMENT.length).split(',') ?? []).filter((name) => CALL_NAME.test(name)) as ControlCallName[];
}

/** One named method per control call, typed with the call's input and result. */
export type ControlMethods = {
  [N in ControlCallName as MethodName<N>]: (input?: ControlInput<N>) => Promise<ControlResult<N>>;
};

/**
 * The named methods of the given calls, each made by `method(name)` for its own call (the preload binds each to the
 * call's IPC channel). Never a method that takes a call's name or a channel.
 */
export function controlMethods(names: readonly ControlCallName[], method: (name: ControlCallName) => (input?: unknown) => Promise<unknown>): ControlMethods {
  return Object.fromEntries(names.map((name) => [methodName(name), method(name)])) as ControlMethods;
}

export interface AuditExportRequest {
  format: 'csv' | 'jsonl';
  filter: ControlInput<'audit.count'>;
}

/**
 * How an export ended: not saved (the owner cancelled the save dialog), or saved with its rows to `path` (the file the
 * owner chose, in the desktop app) or as `download` (the file's name among the browser's downloads, in the web panel).
 */
export type AuditExportResult = { saved: false; rows: 0 } | { saved: true; rows: number; path: string } | { saved: true; rows: number; download: string };

export interface AuditExportProgress {
  done: number;
  total: number;
}

/**
 * The panel's API: one named method per control call, plus the audit export, which each host does its own
 * way (a download in the browser, a save dialog in the desktop app). The Electron preload exposes it as
 * `window.studio`; the headless panel's HTTP client implements the same interface, so no page knows its host.
 */
export type StudioApi = ControlMethods & {
  exportAudit(request: AuditExportRequest, onProgress: (progress: AuditExportProgress) => void): Promise<AuditExportResult>;
};

/** IPC channel of a control call: one per call, never a generic channel. */
export function controlChannel(name: ControlCallName): string {
  return `control:${name}`;
}

export const AUDIT_EXPORT_CHANNEL = 'audit:export';
export const AUDIT_EXPORT_PROGRESS_CHANNEL = 'audit:export-progress';
