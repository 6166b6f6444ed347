import type { ReactNode } from 'react';

/** A connection's form: its fields, then the one primary button that submits them (as Enter in a field does). */
export function ConnectionForm(props: { submit: string; onSubmit: () => void; label?: string; marginTop?: number; children: ReactNode }) {
  return (
    <form
      className="stack"
      style={{ marginTop: props.marginTop, maxWidth: 640 }}
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <div className="row">
        <button type="submit" className="primary">
          {props.submit}
        </button>
      </div>
    </form>
  );
}
