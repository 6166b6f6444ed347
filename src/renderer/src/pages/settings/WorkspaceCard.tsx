import { useRef, useState } from 'react';
import { systemClock } from '../../../../shared/clock.ts';
import { ConfirmDialog } from '../../components/ui.tsx';
import { WorkspaceFileButton } from '../../components/WorkspaceFileButton.tsx';
import { useExportWorkspace, useImportWorkspace, useWipeWorkspace } from '../../data/changes.ts';
import { messageOf, useAction } from '../../lib/use-action.ts';
import { countsInFile, describeCounts } from './workspace-file.ts';

/** The word the owner types to wipe (the call refuses anything else: workspace.wipe). */
const WIPE_WORD = 'wipe';

/** What stays whatever happens to the studio's records. */
const KEPT = 'Connected apps, your settings and the audit log stay as they are.';

/** Saves the whole workspace as a file in the browser's downloads, and answers what it saved. */
function useSaveWorkspace() {
  const exportFile = useExportWorkspace();
  return async () => {
    const { json, counts } = await exportFile.mutateAsync();
    const fileName = `studio-workspace-${new Date(systemClock.nowMs()).toISOString().slice(0, 10)}.json`;
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([json], { type: 'application/json' })), download: fileName });
    link.click();
    URL.revokeObjectURL(link.href);
    return `Saved ${fileName} to your downloads: ${describeCounts(counts)}.`;
  };
}

/** "Export first": a safe way out of a question that deletes, saying in the dialog what it saved (or why not). */
function ExportFirst({ save }: { save: () => Promise<string> }) {
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  return (
    <>
      <button type="button" onClick={() => void save().then((text) => setOutcome({ text, failed: false }), (err: unknown) => setOutcome({ text: `Could not export: ${messageOf(err)}`, failed: true }))}>
        Export first
      </button>
      {outcome && (
        <p className={outcome.failed ? 'error' : 'notice'} role={outcome.failed ? 'alert' : 'status'} style={{ flexBasis: '100%', order: -1, margin: 0 }}>
          {outcome.text}
        </p>
      )}
    </>
  );
}

/** Settings: the studio's records as one file — export, import (asked first), and wipe (typed confirmation). */
export function WorkspaceCard({ notify }: { notify: (message: string) => void }) {
  const save = useSaveWorkspace();
  const importFile = useImportWorkspace();
  const wipeWorkspace = useWipeWorkspace();
  const { error, run } = useAction(notify);
  const [picked, setPicked] = useState<{ name: string; text: string } | null>(null);
  const [wiping, setWiping] = useState(false);
  const [typed, setTyped] = useState('');
  const typedField = useRef<HTMLInputElement>(null);
  const fileCounts = picked && countsInFile(picked.text);

  const closeWipe = () => {
    setWiping(false);
    setTyped('');
  };

  return (
    <section className="card stack" aria-labelledby="workspace-heading">
      <h2 id="workspace-heading">Your studio&apos;s records</h2>
      <p className="muted" style={{ margin: 0 }}>
        Your classes, bookings, clients, reviews, messages and money records. Save them as one file, bring back such a file (it replaces everything you
        have now), or start again with an empty studio.
      </p>
      <div className="row">
        <button type="button" onClick={() => void run(save, (text) => text)}>
          Export workspace
        </button>
        <WorkspaceFileButton onFile={(file) => void run(async () => setPicked({ name: file.name, text: await file.text() }))}>
          Import workspace…
        </WorkspaceFileButton>
        <button type="button" className="danger" onClick={() => setWiping(true)}>
          Wipe and start empty…
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {picked && (
        <ConfirmDialog
          title="Replace everything with this file?"
          danger
          confirm="Replace everything"
          body={
            <div className="stack">
              <p style={{ margin: 0 }}>
                Every class, booking, client, review, message and money record you have now, your studio profile and your plan are deleted and replaced by
                what <strong>{picked.name}</strong> holds
                {fileCounts ? <>: {describeCounts(fileCounts)}</> : null}.
              </p>
              <p style={{ margin: 0 }}>{KEPT} A file that is not a valid workspace changes nothing.</p>
            </div>
          }
          extra={<ExportFirst save={save} />}
          onCancel={() => setPicked(null)}
          onConfirm={() => {
            const { text } = picked;
            setPicked(null);
            void run(() => importFile.mutateAsync({ json: text }), ({ counts }) => `Imported ${describeCounts(counts)}.`);
          }}
        />
      )}
      {wiping && (
        <ConfirmDialog
          title="Wipe the workspace?"
          danger
          confirm="Wipe everything"
          confirmDisabled={typed !== WIPE_WORD}
          disabledReason={`Wipe everything turns on once you type ${WIPE_WORD}.`}
          initialFocus={typedField}
          body={
            <div className="stack">
              <p style={{ margin: 0 }}>Every class, booking, client, review, message and money record is deleted. {KEPT}</p>
              <p style={{ margin: 0 }}>Want a copy first? Export saves everything as a file you can import later.</p>
              <label className="field">
                Type {WIPE_WORD} to confirm
                <input ref={typedField} type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />
              </label>
            </div>
          }
          extra={<ExportFirst save={save} />}
          onCancel={closeWipe}
          onConfirm={() => {
            if (typed !== WIPE_WORD) return;
            closeWipe();
            void run(() => wipeWorkspace.mutateAsync({ confirm: WIPE_WORD }), () => 'The workspace is empty.');
          }}
        />
      )}
    </section>
  );
}
