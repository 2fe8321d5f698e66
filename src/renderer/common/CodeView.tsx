import CodeMirror from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import { EditorView } from '@codemirror/view';
import { useMemo } from 'react';

interface CodeViewProps {
  readonly value: string;
  readonly onChange?: (value: string) => void;
  readonly language?: 'json' | 'text';
  readonly label: string;
  readonly height?: string;
}

/**
 * A CodeMirror editor (read-only without onChange). CodeMirror renders only the
 * visible lines, so multi-megabyte bodies do not freeze the window.
 */
export function CodeView({ value, onChange, language = 'text', label, height = '100%' }: CodeViewProps) {
  const extensions = useMemo(
    () => [
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      ...(language === 'json' ? [json()] : []),
    ],
    [language, label],
  );
  return (
    <CodeMirror
      className="code-view"
      value={value}
      height={height}
      theme="dark"
      editable={onChange !== undefined}
      readOnly={onChange === undefined}
      basicSetup={{ foldGutter: language === 'json', highlightActiveLine: onChange !== undefined }}
      extensions={extensions}
      {...(onChange ? { onChange } : {})}
    />
  );
}
