import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { RESOURCES, scopeInfo, type Resource } from '../../../shared/scopes.ts';

/** Copies text and says for a moment whether it worked ("Copied" only when the clipboard took it). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const show = (result: 'copied' | 'failed') => {
    setOutcome(result);
    setTimeout(() => setOutcome(null), result === 'copied' ? 1600 : 4000);
  };
  return (
    <button type="button" className="small" onClick={() => void navigator.clipboard.writeText(text).then(() => show('copied'), () => show('failed'))}>
      {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Could not copy: select the text and copy it' : label}
    </button>
  );
}

/** The dialogs open now, innermost last: only the innermost one answers keys and holds focus. */
const openDialogs: HTMLElement[] = [];

const TABBABLE = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';

/** What Tab can reach inside a dialog, in order (one radio per group: the checked one, or the first). */
function tabbables(root: HTMLElement): HTMLElement[] {
  const found = [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest('[inert]') && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
  );
  return found.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const group = found.filter((other): other is HTMLInputElement => other instanceof HTMLInputElement && other.type === 'radio' && other.name === el.name);
    const checked = group.find((radio) => radio.checked);
    return checked ? checked === el : group[0] === el;
  });
}

export interface ModalProps {
  /** The dialog's name for screen readers (its visible heading's text, usually). */
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** The id of the visible heading that names the dialog: it is then labelled by that heading instead of `title`. */
  titleId?: string;
  /** The id of the text that says what the dialog is about. */
  describedBy?: string;
  /**
   * Where focus lands when the dialog opens: a safe choice (Cancel, or the field to type in). Without it, the first
   * element marked `data-autofocus`, else the dialog itself.
   */
  initialFocus?: RefObject<HTMLElement | null>;
}

/**
 * A modal dialog (WAI-ARIA APG dialog pattern): opens with focus on a safe element, keeps Tab and Shift+Tab inside,
 * closes on Escape or a click on the backdrop, and gives focus back to what opened it when it closes.
 */
export function Modal({ title, onClose, children, wide = false, titleId, describedBy, initialFocus }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  // The latest handlers, without re-running the effect: a re-render (a ticked box) must not move focus.
  const closeRef = useRef(onClose);
  const focusRef = useRef(initialFocus);
  useLayoutEffect(() => {
    closeRef.current = onClose;
    focusRef.current = initialFocus;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openDialogs.push(dialog);
    const innermost = () => openDialogs.at(-1) === dialog;
    const first = focusRef.current?.current ?? dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog;
    first.focus();

    const onKey = (event: KeyboardEvent) => {
      if (!innermost()) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        closeRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const reachable = tabbables(dialog);
      const active = document.activeElement;
      const inside = active instanceof Node && dialog.contains(active);
      if (reachable.length === 0) {
        event.preventDefault();
        dialog.focus();
      } else if (event.shiftKey && (!inside || active === reachable[0] || active === dialog)) {
        event.preventDefault();
        reachable.at(-1)?.focus();
      } else if (!event.shiftKey && (!inside || active === reachable.at(-1))) {
        event.preventDefault();
        reachable[0]?.focus();
      }
    };
    // Focus that escapes anyway (a click outside, a tab key the browser handled) comes back in.
    const onFocusIn = (event: FocusEvent) => {
      if (innermost() && event.target instanceof Node && !dialog.contains(event.target)) (tabbables(dialog)[0] ?? dialog).focus();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      openDialogs.splice(openDialogs.indexOf(dialog), 1);
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <div className="backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`modal${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={titleId ? undefined : title}
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        ref={ref}
      >
        {children}
      </div>
    </div>
  );
}

/**
 * A question with Cancel and one action. It opens on Cancel (or `initialFocus`), so Enter or Space at once never
 * does the action; `confirmDisabled` (with `disabledReason`) holds the action until the owner did what it asks.
 */
export function ConfirmDialog(props: {
  title: string;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  confirmDisabled?: boolean;
  disabledReason?: string;
  initialFocus?: RefObject<HTMLElement | null>;
  /** More buttons, between Cancel and the action (a safer way out, like "Export first"). */
  extra?: ReactNode;
}) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Modal title={props.title} titleId={`${id}-title`} describedBy={`${id}-body`} onClose={props.onCancel} initialFocus={props.initialFocus ?? cancel}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <div id={`${id}-body`}>{props.body}</div>
      {props.confirmDisabled && props.disabledReason && (
        <p className="muted" id={`${id}-why`} style={{ margin: 0 }}>
          {props.disabledReason}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" ref={cancel} onClick={props.onCancel}>
          Cancel
        </button>
        {props.extra}
        <button
          type="button"
          className={props.danger ? 'danger solid' : 'primary'}
          disabled={props.confirmDisabled}
          aria-describedby={props.confirmDisabled && props.disabledReason ? `${id}-why` : undefined}
          onClick={props.onConfirm}
        >
          {props.confirm}
        </button>
      </div>
    </Modal>
  );
}

export function ErrorNote({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** A list as a table, one row per item under the column heads, or the note saying what an empty list means. */
export function ListTable<T>(props: { items: readonly T[]; empty: ReactNode; head: ReactNode; row: (item: T) => ReactNode; label?: string }) {
  if (props.items.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <table aria-label={props.label}>
      <thead>
        <tr>{props.head}</tr>
      </thead>
      <tbody>{props.items.map((item) => props.row(item))}</tbody>
    </table>
  );
}

export const RESOURCE_LABELS: Record<Resource, string> = {
  profile: 'Profile',
  mentor: 'Mentor profile',
  studio: 'Studio',
  classes: 'Classes',
  bookings: 'Bookings',
  clients: 'Clients',
  financials: 'Financials',
  reviews: 'Reviews',
  messages: 'Messages',
};

/** What the highest permission on a resource lets an app do, in words. */
const CAN: Record<'read' | 'write' | 'delete', string> = { read: 'can see', write: 'can see and change', delete: 'can see, change and delete' };

/** Permissions that are not about one kind of record, in words; `mcp:tools` (every app holds it) says nothing. */
const OTHER_WORDS: Record<string, string | null> = {
  'mcp:tools': null,
  'read:public': 'Public directory: can search',
  offline_access: 'Stays connected',
  openid: 'Knows it is you',
  profile: 'Knows your name',
  email: 'Knows your email',
};

/**
 * Permissions grouped by kind of record, each showing the most it allows in words ("Classes: can see and change";
 * change implies see, delete implies change). The exact permission names are in each badge's tooltip.
 */
export function ScopeGroups({ scopes }: { scopes: readonly string[] }) {
  const tiers = new Map<Resource, string[]>();
  const other: string[] = [];
  for (const name of scopes) {
    const info = scopeInfo(name);
    if (info?.resource) tiers.set(info.resource, [...(tiers.get(info.resource) ?? []), info.tier ?? 'read']);
    else other.push(name);
  }
  return (
    <div className="row" style={{ gap: 6 }}>
      {RESOURCES.filter((r) => tiers.has(r)).map((r) => {
        const held = tiers.get(r) ?? [];
        const top = held.includes('delete') ? 'delete' : held.includes('write') ? 'write' : 'read';
        return (
          <span key={r} className={`badge ${top === 'delete' ? 'danger' : top === 'write' ? 'accent' : ''}`} title={held.map((tier) => `${tier}:${r}`).join(', ')}>
            {RESOURCE_LABELS[r]}: {CAN[top]}
          </span>
        );
      })}
      {other.map((name) => {
        const words = name in OTHER_WORDS ? OTHER_WORDS[name] : undefined;
        if (words === null) return null;
        return words ? (
          <span key={name} className="badge" title={name}>
            {words}
          </span>
        ) : (
          <span key={name} className="scope-code">
            {name}
          </span>
        );
      })}
    </div>
  );
}

export function ProgressBar({ value, total, label }: { value: number; total: number; label: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((value / total) * 100)) : 0;
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div style={{ width: `${percent}%` }} />
      </div>
      <span className="muted">
        {value.toLocaleString()} of {total.toLocaleString()} rows ({percent}%)
      </span>
    </div>
  );
}
