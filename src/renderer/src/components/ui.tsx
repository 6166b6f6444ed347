import { useEffect, useRef, useState, type ReactNode } from 'react';
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

/** A dialog that traps nothing but focuses itself, closes on Escape, and labels itself for screen readers. */
export function Modal({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`modal${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={ref}>
        {children}
      </div>
    </div>
  );
}

export function ConfirmDialog(props: { title: string; body: ReactNode; confirm: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Modal title={props.title} onClose={props.onCancel}>
      <h2>{props.title}</h2>
      <div>{props.body}</div>
      <div className="modal-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className={props.danger ? 'danger solid' : 'primary'} onClick={props.onConfirm}>
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

/** Scopes grouped by resource, each resource showing its highest tier (write implies read). */
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
          <span key={r} className={`badge ${top === 'delete' ? 'danger' : top === 'write' ? 'accent' : ''}`} title={held.join(', ')}>
            {RESOURCE_LABELS[r]}: {top}
          </span>
        );
      })}
      {other.map((name) => (
        <span key={name} className="scope-code">
          {name}
        </span>
      ))}
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
