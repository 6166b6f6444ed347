import { Notification } from 'electron';
import type { ApprovalRequestView, ConsentRequestView } from '../../shared/control-api.ts';
import { approvalNotice, consentNotice, shouldNotify, type DecisionNotice, type WindowState } from '../desktop/decision-notices.ts';
import type { DeepLink } from '../desktop/deep-link.ts';

/**
 * Shows desktop/decision-notices.ts's notices with Electron's Notification: each waiting decision, unless the owner is
 * looking at the panel; a click opens the panel on that decision.
 */
export function setupDecisionNotifications(options: {
  consent: { onRequested(listener: (request: ConsentRequestView) => void): unknown };
  approvals: { onRequested(listener: (request: ApprovalRequestView) => void): unknown };
  window: () => WindowState | undefined;
  open: (link: DeepLink) => void;
  /** After a notice was shown or skipped (the tray's count changes either way). */
  changed: () => void;
}): void {
  const show = (notice: DecisionNotice) => {
    if (shouldNotify(options.window()) && Notification.isSupported()) {
      const notification = new Notification({ title: notice.title, body: notice.body });
      notification.on('click', () => options.open(notice.link));
      notification.show();
    }
    options.changed();
  };
  options.consent.onRequested((request) => show(consentNotice(request)));
  options.approvals.onRequested((request) => show(approvalNotice(request)));
}
