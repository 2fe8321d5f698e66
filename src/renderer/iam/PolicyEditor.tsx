import { json } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { api } from '../api';
import { useIam, type PolicyName } from './store';

/** This page load's style nonce (see core/security-headers): CodeMirror's styles need it. */
const CSP_NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

interface PolicyEditorProps {
  readonly name: PolicyName;
  readonly kind: 'identity' | 'trust';
  readonly title: string;
}

/** One policy in CodeMirror, linted in main as it is typed; findings show inline with their fix. */
export function PolicyEditor({ name, kind, title }: PolicyEditorProps) {
  const text = useIam((s) => s.policies[name]);
  const setPolicy = useIam((s) => s.setPolicy);
  const account = useIam((s) => s.form.account);
  const apiId = useIam((s) => s.form.apiId);
  const region = useIam((s) => s.form.region);

  const extensions = useMemo(() => {
    const target = /^\d{12}$/.test(account) && apiId && region ? { account, apiId, region } : undefined;
    const findings = linter(
      async (view): Promise<Diagnostic[]> => {
        const doc = view.state.doc;
        if (doc.length === 0) return [];
        const result = await api.iamLint({ file: name, text: doc.toString(), kind, ...(target ? { target } : {}) });
        if (!result.ok) return [];
        return result.value.findings.map((finding) => {
          const line = doc.line(Math.min(Math.max(finding.line, 1), doc.lines));
          const from = Math.min(line.from + finding.column - 1, line.to);
          return {
            from,
            to: Math.max(from, line.to),
            severity: finding.severity,
            message: `${finding.message}. Fix: ${finding.fix}`,
            source: finding.code,
          };
        });
      },
      { delay: 300 },
    );
    return [
      json(),
      findings,
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': title }),
      ...(CSP_NONCE ? [EditorView.cspNonce.of(CSP_NONCE)] : []),
    ];
  }, [account, apiId, region, name, kind, title]);

  return (
    <section className="iam-editor" aria-label={title}>
      <h3>
        {title} <code>{name}</code>
      </h3>
      <CodeMirror
        value={text}
        height="220px"
        theme="dark"
        extensions={extensions}
        onChange={(value) => setPolicy(name, value)}
      />
    </section>
  );
}
