/**
 * The browser host's event stream, read with fetch so that the launch token travels
 * in the Authorization header (EventSource cannot set headers, and a token in the
 * URL could end up in a log). Reconnects when the host goes away and comes back.
 */
import { createParser } from 'eventsource-parser';

export type StreamStatus = 'connecting' | 'open' | 'retrying' | 'refused' | 'closed';

export interface EventStreamOptions {
  /** Absolute or page-relative URL of the stream (`/api/events`). */
  readonly url: string;
  readonly token: string;
  readonly onEvent: (name: string, payload: unknown) => void;
  readonly onStatus?: (status: StreamStatus) => void;
  /** First wait before reconnecting; doubles per failed attempt up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export interface EventStream {
  close(): void;
}

/** Opens the stream and keeps it open until `close()`; a refused token stops it (a new launch needs a new URL). */
export function connectEventStream(options: EventStreamOptions): EventStream {
  const controller = new AbortController();
  const baseRetry = options.retryMs ?? 1000;
  const maxRetry = options.maxRetryMs ?? 10_000;
  let retry = baseRetry;
  let wake: (() => void) | undefined;
  const status = (s: StreamStatus) => options.onStatus?.(s);

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const readOnce = async (): Promise<'ended' | 'refused'> => {
    const response = await fetch(options.url, {
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.status === 401 || response.status === 403) return 'refused';
    if (!response.ok || !response.body) throw new Error(`event stream answered HTTP ${response.status}`);
    status('open');
    retry = baseRetry;
    const parser = createParser({
      onEvent: (event) => {
        if (!event.event) return;
        let payload: unknown;
        try {
          payload = JSON.parse(event.data);
        } catch {
          return;
        }
        options.onEvent(event.event, payload);
      },
      onRetry: (ms) => {
        retry = Math.min(Math.max(ms, 100), maxRetry);
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'ended';
      parser.feed(value);
    }
  };

  void (async () => {
    status('connecting');
    while (!controller.signal.aborted) {
      try {
        if ((await readOnce()) === 'refused') {
          status('refused');
          return;
        }
      } catch {
        if (controller.signal.aborted) break;
      }
      if (controller.signal.aborted) break;
      status('retrying');
      await pause(retry);
      retry = Math.min(retry * 2, maxRetry);
    }
    status('closed');
  })();

  return {
    close() {
      controller.abort();
      wake?.();
    },
  };
}
