import { useRef } from 'react';
import { useCollectionsStore } from './store';

/** Import: a file picker for Postman collections and environments. */
export function ImportButton() {
  const importFile = useCollectionsStore((s) => s.importFile);
  const importing = useCollectionsStore((s) => s.importState.status === 'importing');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={importing}
        title="Import a Postman collection or environment"
      >
        Import
      </button>
      <input
        ref={input}
        type="file"
        aria-label="Import file"
        accept=".json,application/json"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </>
  );
}
