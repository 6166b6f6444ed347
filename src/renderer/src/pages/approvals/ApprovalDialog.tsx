import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { ApprovalRequestView } from '../../../../shared/control-api.ts';
import { secondsInWords } from '../../../../shared/seconds-words.ts';
import { plainText } from '../../../../shared/sentence.ts';
import { isWebPanel } from '../../api.ts';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { Modal } from '../../components/ui.tsx';
import { reads } from '../../data/reads.ts';
import { callRoute, callToShow, namedCall, newlyWaiting, offerNotifications, shouldNotifyInBrowser, tabTitle, type NotificationChoice } from './decision-alerts.ts';
import { HeldCall } from './HeldCall.tsx';

/** The browser's answer about notifications; the desktop app notifies through the OS instead (main process). */
function notificationChoice(): NotificationChoice {
  return isWebPanel && 'Notification' in window ? Notification.permission : 'unsupported';
}

/**
 * "Tell me with a notification": the browser asks only after the owner clicks (browsers ignore or punish a request
 * made without a gesture), and the offer goes away once she answered.
 */
export function NotifyMeOffer() {
  const [choice, setChoice] = useState(notificationChoice);
  if (!offerNotifications(choice)) return null;
  return (
    <p className="notify-offer muted">
      Want to know when an agent waits while this tab is in the background?{' '}
      <button type="button" className="small" onClick={() => void Notification.requestPermission().then(setChoice)}>
        Tell me with a notification
      </button>
    </p>
  );
}

/** A browser notification for each call that starts waiting while the owner is not looking at this tab; a click opens it. */
function useBrowserNotifications(waiting: readonly ApprovalRequestView[]) {
  const seen = useRef<Set<string>>(new Set());
  useEffect(() => {
    const fresh = newlyWaiting(seen.current, waiting);
    seen.current = new Set(waiting.map((call) => call.id));
    if (!shouldNotifyInBrowser(notificationChoice(), { hidden: document.hidden, focused: document.hasFocus() })) return;
    for (const call of fresh) {
      const notification = new Notification(`“${call.clientName}” is waiting for your approval`, {
        body: `${plainText(call.sentence)}. If you don't answer in ${secondsInWords(call.timeoutSeconds)}, the agent is told no.`,
        // One notification per call however many tabs of the panel are open.
        tag: call.id,
      });
      notification.onclick = () => {
        window.focus();
        window.location.hash = callRoute(call.id);
        notification.close();
      };
    }
  }, [waiting]);
}

/**
 * Nothing waits unseen: a held call opens this dialog on whatever page is open (like a consent request does), the
 * tab's title carries the number of decisions waiting, and in the web panel a browser notification announces a call
 * while the tab is in the background. Closing the dialog ("Decide later") leaves the call on the Approvals page; a
 * notification's link (#/approvals?call=<id>) opens it again.
 */
export function ApprovalDialog({ notify }: { notify: (message: string) => void }) {
  const waiting = useQuery(reads.heldCalls).data ?? [];
  const consentWaiting = useQuery(reads.consentRequests).data?.length ?? 0;
  const [putAside, setPutAside] = useState<ReadonlySet<string>>(() => new Set());
  const [named, setNamed] = useState<string | null>(() => namedCall(window.location.hash));
  const deny = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const onHash = () => {
      const call = namedCall(window.location.hash);
      setNamed(call);
      if (call) setPutAside((aside) => new Set([...aside].filter((x) => x !== call)));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const count = waiting.length + consentWaiting;
  useEffect(() => {
    document.title = tabTitle(count);
  }, [count]);
  useBrowserNotifications(waiting);

  const shownId = callToShow(waiting, putAside, named);
  const shown = waiting.find((call) => call.id === shownId);
  if (!shown) return null;
  const position = waiting.indexOf(shown) + 1;
  const later = () => {
    setPutAside((aside) => new Set([...aside, shown.id]));
    setNamed(null);
  };

  return (
    <Modal key={shown.id} title={`${shown.clientName} is waiting for your approval`} titleId={`${id}-title`} onClose={later} initialFocus={deny}>
      <ErrorBoundary what="This waiting call">
        <div className="approval-dialog-head">
          <h2 id={`${id}-title`}>Waiting for your approval</h2>
          {waiting.length > 1 && (
            <span className="muted">
              {position} of {waiting.length}
            </span>
          )}
        </div>
        <HeldCall call={shown} notify={notify} denyRef={deny} />
        <NotifyMeOffer />
        <div className="modal-actions">
          <button type="button" onClick={later}>
            Decide later
          </button>
        </div>
      </ErrorBoundary>
    </Modal>
  );
}
