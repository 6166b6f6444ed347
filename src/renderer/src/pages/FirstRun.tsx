import { useRef, useState } from 'react';
import { api } from '../api.ts';
import { ConfirmDialog, ErrorNote, Modal } from '../components/ui.tsx';
import { unwrap } from '../lib/use-call.ts';

/** First launch: how the owner's studio starts. Asked once; nothing is filled in before she chooses. */
export function FirstRun({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <Modal title="Welcome to Studio Gateway" onClose={() => undefined}>
      <h2>Welcome to Studio Gateway</h2>
      <p style={{ margin: 0 }}>How would you like to start?</p>
      <div className="stack">
        <button type="button" className="primary" onClick={() => void run(async () => unwrap(await api.workspaceStart({ choice: 'demo' })))}>
          Try the demo studio
        </button>
        <span className="muted">A sample yoga studio with classes, clients and bookings, to see what agents can do. You can replace it with your own any time.</span>
        <button type="button" onClick={() => void run(async () => unwrap(await api.workspaceStart({ choice: 'empty' })))}>
          Start with an empty studio
        </button>
        <button type="button" onClick={() => file.current?.click()}>
          Open a workspace file…
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Workspace file"
          onChange={(e) => {
            const selected = e.target.files?.[0];
            if (selected) void run(async () => unwrap(await api.workspaceImport({ json: await selected.text() })));
            e.target.value = '';
          }}
        />
      </div>
      <ErrorNote error={error} />
    </Modal>
  );
}

/** Shown on every page while the sample studio is in use: what it is, and the one step that replaces it. */
export function DemoBanner({ onDone }: { onDone: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="notice row" role="note" aria-label="Demo studio">
      <span>
        <strong>This is the demo studio.</strong> Its classes, clients and bookings are sample data.
      </span>
      <span className="spacer" />
      <button type="button" className="small" onClick={() => setConfirming(true)}>
        Start my own studio…
      </button>
      <ErrorNote error={error} />
      {confirming && (
        <ConfirmDialog
          title="Replace the demo with your own studio?"
          confirm="Remove the sample data"
          danger
          body={<p>Every sample class, client, booking and message is removed. Connected apps, settings and the audit log stay.</p>}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void api
              .workspaceWipe({ confirm: 'wipe' })
              .then((result) => {
                if (!result.ok) throw new Error(result.error.message);
                onDone();
              })
              .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
          }}
        />
      )}
    </div>
  );
}
