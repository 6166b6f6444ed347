import type { ApprovalRequestView, ConsentRequestView } from '../../shared/control-api.ts';
import { secondsInWords } from '../../shared/seconds-words.ts';
import { plainText } from '../../shared/sentence.ts';
import type { DeepLink } from './deep-link.ts';

/** An OS notification for a decision that waits for the owner, as data: electron/decision-notifications.ts shows it. */
export interface DecisionNotice {
  title: string;
  body: string;
  /** What clicking it opens: the panel on that decision (deep-link.ts panelRoute). */
  link: DeepLink;
}

/** Where the owner is: a notification is for when she is not looking at the panel. */
export interface WindowState {
  /** The window exists, is shown and not minimised. */
  visible: boolean;
  focused: boolean;
}

/**
 * A held call: which app, what it will do with the real names ("Delete client Anna Nilsson — 14 bookings and notes"),
 * and what happens without an answer. The names stay on the owner's own screen; no argument and no id is shown. The
 * app's name is quoted: it is the app's own claim, and an app may call itself "Studio Gateway".
 */
export function approvalNotice(request: Pick<ApprovalRequestView, 'id' | 'clientName' | 'sentence' | 'timeoutSeconds'>): DecisionNotice {
  return {
    title: `“${request.clientName}” is waiting for your approval`,
    body: `${plainText(request.sentence)}. If you don't answer in ${secondsInWords(request.timeoutSeconds)}, the agent is told no.`,
    link: { kind: 'approval', approvalId: request.id },
  };
}

/** An app asking for access: the consent dialog is where the owner reads what it asks for. */
export function consentNotice(request: Pick<ConsentRequestView, 'id' | 'clientName'>): DecisionNotice {
  return {
    title: `“${request.clientName}” asks for access to your studio`,
    body: 'Open Studio Gateway to choose what it may do.',
    link: { kind: 'consent', requestId: request.id },
  };
}

/**
 * Whether a new decision is announced by an OS notification: not while the owner has the panel in front of her (its
 * dialog opens there by itself, and a notification on top would only repeat it); otherwise always.
 */
export function shouldNotify(window: WindowState | undefined): boolean {
  return !(window?.visible && window.focused);
}
