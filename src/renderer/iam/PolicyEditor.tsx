import { json } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { api } from '../api';
import { useIam, type ExtraPolicyName, type PolicyName } from './store';

/** This page load's style nonce (see core/security-headers): CodeMirror's styles need it. */
const CSP_NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

interface PolicyEditorProps {
  readonly name: PolicyName | ExtraPolicyName;
  readonly kind: 'identity' | 'trust' | 'resource';
  readonly title: string;
}

function isExtra(name: PolicyName | ExtraPolicyName): name is ExtraPolicyName {
  return (
    name === 'boundary.json' || name === 'scp.json' || name === 'session-policy.json' || name === 'resource-policy.json'
  );
}

/** One policy in CodeMirror, linted in main as it is typed; findings show inline with their fix. */
export function PolicyEditor({ name, kind, title }: PolicyEditorProps) {
  const text = useIam((s) => (isExtra(name) ? s.extraPolicies[name] : s.policies[name]));
  const setPolicy = useIam((s) => s.setPolicy);
  const setExtraPolicy = useIam((s) => s.setExtraPolicy);
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
        {title} <code>{name}</code>{' '}
        <button
          type="button"
          className="link"
          aria-label={`Copy ${name}`}
          disabled={!text}
          onClick={() => void navigator.clipboard?.writeText(text)}
        >
          Copy
        </button>
      </h3>
      <CodeMirror
        value={text}
        height={isExtra(name) ? '140px' : '220px'}
        theme="dark"
        extensions={extensions}
        onChange={(value) => (isExtra(name) ? setExtraPolicy(name, value) : setPolicy(name, value))}
      />
    </section>
  );
}
