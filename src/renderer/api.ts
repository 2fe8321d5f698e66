import { callNames, type SignetApi } from '../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    readonly signet?: SignetApi;
  }
}

const TOKEN_KEY = 'signet.launchToken';

/** The launch token arrives in the URL fragment once; it is kept for reloads of this tab only. */
function launchToken(): string {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The same contract over the browser host's loopback HTTP. */
function createHttpApi(): SignetApi {
  const token = launchToken();
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    const payload = (await response.json().catch(() => ({}))) as { result?: unknown; error?: string };
    if (!response.ok) throw new Error(payload.error ?? `${name} failed with HTTP ${response.status}`);
    return payload.result;
  };
  return Object.fromEntries(
    callNames.map((name) => [name, (input: unknown) => call(name, input)]),
  ) as unknown as SignetApi;
}

/** The one way the renderer reaches main, whichever host it runs in. */
export const api: SignetApi = window.signet ?? createHttpApi();
