import { useId, type ReactNode } from 'react';
import { ErrorNote } from '../../components/ui.tsx';

/**
 * A connection's form: its fields, then the one primary button that submits them (as Enter in a field does), and
 * beside it why it is off (`blocked`) or what went wrong the last time (`error`).
 */
export function ConnectionForm(props: { submit: string; onSubmit: () => void; label?: string; marginTop?: number; blocked?: string | null; error?: string | null; children: ReactNode }) {
  const id = useId();
  return (
    <form
      className="stack"
      style={{ marginTop: props.marginTop, maxWidth: 640 }}
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.blocked) props.onSubmit();
      }}
    >
      {props.children}
      <div className="row">
        <button type="submit" className="primary" disabled={Boolean(props.blocked)} aria-describedby={props.blocked ? `${id}-why` : undefined}>
          {props.submit}
        </button>
        {props.blocked && (
          <span id={`${id}-why`} className="muted">
            {props.blocked}
          </span>
        )}
      </div>
      <ErrorNote error={props.error} />
    </form>
  );
}
