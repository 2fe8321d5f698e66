import { useEffect, useState } from 'react';
import { isFileGrant, type FileGrantInfo } from '../../shared/file-grant';
import type { Failure } from '../../shared/result';
import { useRequestStore } from '../request/store';
import { formatBytes } from './format-bytes';
import { FailureMessage } from './FailureMessage';

interface FilePickerProps {
  /** Accessible name of the Choose button's group, e.g. `Binary file`. */
  readonly label: string;
  /** A `file-grant:` reference, a path kept from an import (not usable until chosen), or ''. */
  readonly value: string;
  readonly onChange: (ref: string) => void;
}

/**
 * A file for a body: chosen through main (Electron's dialog, or the browser's picker
 * and an upload to main). The field holds a grant; a path from an import shows as not
 * chosen until the user picks the file.
 */
export function FilePicker({ label, value, onChange }: FilePickerProps) {
  const [described, setDescribed] = useState<{ ref: string; info: FileGrantInfo | null } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const chooseFile = useRequestStore((s) => s.chooseFile);
  const describeFile = useRequestStore((s) => s.describeFile);

  useEffect(() => {
    if (!isFileGrant(value)) return;
    let live = true;
    void describeFile(value).then((result) => {
      if (live) setDescribed({ ref: value, info: result.ok ? result.value : null });
    });
    return () => {
      live = false;
    };
  }, [value, describeFile]);

  const pick = async () => {
    setBusy(true);
    const result = await chooseFile();
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    if (result.value) {
      setDescribed({ ref: result.value.ref, info: result.value });
      onChange(result.value.ref);
    }
  };

  const info = described?.ref === value ? described.info : null;
  const shown = !value
    ? 'No file chosen'
    : isFileGrant(value)
      ? info
        ? `${info.name} (${formatBytes(info.size)})`
        : 'The chosen file is no longer known; choose it again'
      : `Not chosen yet: ${value} (from an import); choose it to send it`;
  return (
    <div className="file-picker" role="group" aria-label={label}>
      <span className={info ? 'file-name' : 'file-name unresolved'} data-testid="file-picker-name">
        {shown}
      </span>
      <button type="button" disabled={busy} onClick={() => void pick()}>
        {busy ? 'Choosing…' : 'Choose file…'}
      </button>
      {failure && <FailureMessage failure={failure} />}
    </div>
  );
}
