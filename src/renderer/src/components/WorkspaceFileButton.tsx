import { useRef, type ReactNode } from 'react';

/**
 * A button that opens the file chooser for a workspace file (the JSON an export writes); the file the owner picks goes
 * to `onFile`. The chooser forgets it at once, so picking the same file again reads it again.
 */
export function WorkspaceFileButton({ children, onFile }: { children: ReactNode; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Workspace file"
        onChange={(e) => {
          const selected = e.target.files?.[0];
          if (selected) onFile(selected);
          e.target.value = '';
        }}
      />
    </>
  );
}
