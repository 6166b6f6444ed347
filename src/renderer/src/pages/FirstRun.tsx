import { useId, useRef, useState } from 'react';
import { ConfirmDialog, ErrorNote, Modal } from '../components/ui.tsx';
import { WorkspaceFileButton } from '../components/WorkspaceFileButton.tsx';
import { useImportWorkspace, useStartWorkspace, useWipeWorkspace } from '../data/changes.ts';
import { useAction } from '../lib/use-action.ts';

/** First launch: how the owner's studio starts. Asked once; nothing is filled in before she chooses. */
export function FirstRun() {
  const { error, run } = useAction();
  const start = useStartWorkspace();
  const importFile = useImportWorkspace();
  const id = useId();
  const demo = useRef<HTMLButtonElement>(null);

  // Nothing to close to: the studio has to start one way or another (every choice can be undone later).
  return (
    <Modal title="Welcome to Studio Gateway" titleId={`${id}-title`} describedBy={`${id}-ask`} initialFocus={demo} onClose={() => undefined}>
      <h2 id={`${id}-title`}>Welcome to Studio Gateway</h2>
      <p id={`${id}-ask`} style={{ margin: 0 }}>
        How would you like to start?
      </p>
      <div className="stack">
        <button type="button" className="primary" ref={demo} onClick={() => void run(() => start.mutateAsync({ choice: 'demo' }))}>
          Try the demo studio
        </button>
        <span className="muted">A sample yoga studio with classes, clients and bookings, to see what agents can do. You can replace it with your own any time.</span>
        <button type="button" onClick={() => void run(() => start.mutateAsync({ choice: 'empty' }))}>
          Start with an empty studio
        </button>
        <WorkspaceFileButton onFile={(selected) => void run(async () => importFile.mutateAsync({ json: await selected.text() }))}>
          Open a workspace file…
        </WorkspaceFileButton>
      </div>
      <ErrorNote error={error} />
    </Modal>
  );
}

/** Shown on every page while the sample studio is in use: what it is, and the one step that replaces it. */
export function DemoBanner() {
  const [confirming, setConfirming] = useState(false);
  const wipe = useWipeWorkspace();
  return (
    <div className="notice row" role="note" aria-label="Demo studio">
      <span>
        <strong>This is the demo studio.</strong> Its classes, clients and bookings are sample data.
      </span>
      <span className="spacer" />
      <button type="button" className="small" onClick={() => setConfirming(true)}>
        Start my own studio…
      </button>
      <ErrorNote error={wipe.error?.message} />
      {confirming && (
        <ConfirmDialog
          title="Replace the demo with your own studio?"
          confirm="Remove the sample data"
          danger
          body={<p>Every sample class, client, booking and message is removed. Connected apps, settings and the audit log stay.</p>}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            wipe.mutate({ confirm: 'wipe' });
          }}
        />
      )}
    </div>
  );
}
