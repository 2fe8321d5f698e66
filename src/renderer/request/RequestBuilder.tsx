import { useEffect, useState, type ReactNode } from 'react';
import { TabStrip } from '../common/TabStrip';
import { ChecksTab } from './ChecksTab';
import { HeadersTab } from './HeadersTab';
import { ParamsTab } from './ParamsTab';
import { useActiveRequest, useRequestStore } from './store';
import { UrlBar } from './UrlBar';
import { splitQuery } from '../../shared/query';
import { lazyPanel } from '../common/lazy-panel';
import './request.css';

// Params is the tab shown first (Headers shares its table); the Body tab's editors load when first selected.
const BodyTab = lazyPanel(() => import('./BodyTab').then((m) => m.BodyTab));

interface RequestBuilderProps {
  /** The auth tab's content, supplied by the auth feature. */
  readonly authTab: ReactNode;
  readonly beforeSend?: ReactNode;
  /** Shown under the URL (the unresolved-variables warning, from the collections feature). */
  readonly belowUrl?: ReactNode;
}

type Section = 'params' | 'headers' | 'body' | 'auth' | 'checks';

/** Method, URL, and the Params / Headers / Body / Auth tabs. Ctrl/Cmd+Enter sends. */
export function RequestBuilder({ authTab, beforeSend, belowUrl }: RequestBuilderProps) {
  const [section, setSection] = useState<Section>('params');
  const request = useActiveRequest();
  const send = useRequestStore((s) => s.send);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        // Taken before the focused element sees it: the body editor would otherwise also
        // insert a blank line (CodeMirror binds Mod-Enter).
        event.preventDefault();
        event.stopPropagation();
        void send();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [send]);

  const counts: Record<Section, string> = {
    params: String(splitQuery(request.url).pairs.length || ''),
    headers: String(request.headers.filter((h) => h.enabled).length || ''),
    body: request.body.mode === 'none' ? '' : '•',
    auth: request.auth.type === 'none' ? '' : request.auth.type === 'awsv4' ? 'AWS' : request.auth.type,
    checks: String(request.checks?.length || ''),
  };
  const labels: Record<Section, string> = {
    params: 'Params',
    headers: 'Headers',
    body: 'Body',
    auth: 'Auth',
    checks: 'Checks',
  };

  return (
    <section className="request-builder" aria-label="Request builder">
      <UrlBar beforeSend={beforeSend} belowUrl={belowUrl} />
      <TabStrip
        id="request-section"
        label="Request sections"
        tabs={(Object.keys(labels) as Section[]).map((key) => ({
          key,
          label: (
            <>
              {labels[key]}
              {counts[key] && <span className="badge">{counts[key]}</span>}
            </>
          ),
        }))}
        selected={section}
        onSelect={setSection}
      >
        {section === 'params' && <ParamsTab />}
        {section === 'headers' && <HeadersTab />}
        {section === 'body' && <BodyTab />}
        {section === 'auth' && authTab}
        {section === 'checks' && <ChecksTab />}
      </TabStrip>
    </section>
  );
}
