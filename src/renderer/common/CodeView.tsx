import CodeMirror from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import { EditorView } from '@codemirror/view';
import { useMemo } from 'react';

/** This page load's style nonce, put in the page by main when it served it. */
const CSP_NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

interface CodeViewProps {
  readonly value: string;
  readonly onChange?: (value: string) => void;
  readonly language?: 'json' | 'text';
  readonly label: string;
  readonly height?: string;
}

/**
 * Past this many characters, line wrapping and syntax highlighting cost more than they
 * give: wrapping makes CodeMirror measure every line, highlighting parses the whole
 * document. Large bodies are shown plain, which keeps the window responsive.
 */
const RICH_LIMIT = 256 * 1024;

/**
 * A CodeMirror editor (read-only without onChange). CodeMirror renders only the
 * visible lines; large documents are shown without wrapping or highlighting.
 */
export function CodeView({ value, onChange, language = 'text', label, height = '100%' }: CodeViewProps) {
  const rich = value.length <= RICH_LIMIT;
  const extensions = useMemo(
    () => [
      ...(rich ? [EditorView.lineWrapping] : []),
      EditorView.contentAttributes.of({ 'aria-label': label }),
      // The page's CSP allows style elements only with this load's nonce (see core/security-headers).
      ...(CSP_NONCE ? [EditorView.cspNonce.of(CSP_NONCE)] : []),
      ...(rich && language === 'json' ? [json()] : []),
    ],
    [language, label, rich],
  );
  return (
    <CodeMirror
      className="code-view"
      value={value}
      height={height}
      theme="dark"
      editable={onChange !== undefined}
      readOnly={onChange === undefined}
      basicSetup={{
        foldGutter: rich && language === 'json',
        highlightActiveLine: onChange !== undefined,
        highlightSelectionMatches: rich,
      }}
      extensions={extensions}
      {...(onChange ? { onChange } : {})}
    />
  );
}
