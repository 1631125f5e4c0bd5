/** The browser's window.api.on over HTTP: the host's event stream (GET /api/events) read with fetch. */
import { describe, expect, it, vi } from 'vitest';
import { createHttpApi } from '../../src/renderer/src/api/http';
import { toWire } from '../../src/shared/wire';

/** A fetch answering GET /api/events with a stream the test writes to. */
function streamingFetch() {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  let push!: (text: string) => void;
  let end!: () => void;
  const fn = (async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        push = (t) => c.enqueue(enc.encode(t));
        end = () => c.close();
        init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }) as typeof fetch;
  return { fn, calls, push: (t: string) => push(t), end: () => end() };
}

const line = (event: string, payload: unknown) => `data: ${JSON.stringify(toWire({ event, payload }))}\n\n`;

describe('createHttpApi().on', () => {
  it('opens the event stream with the token on the first listener and delivers each event', async () => {
    const s = streamingFetch();
    const api = createHttpApi({ token: 't0k', fetch: s.fn });
    const heard: unknown[] = [];
    const off = api.on('import.progress', (p) => heard.push(p));
    await vi.waitFor(() => expect(s.calls).toHaveLength(1));
    expect(s.calls[0]!.url).toBe('/api/events');
    expect((s.calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer t0k');
    // a second listener shares the stream
    const off2 = api.on('import.progress', () => undefined);
    s.push(': ok\n\n');
    const first = line('import.progress', { batchId: 'b', index: 0, file: 'a.xlsx' });
    // an event split across chunks, a malformed line and an unknown event are handled
    s.push(first.slice(0, 10));
    s.push(first.slice(10) + 'data: {không phải json\n\n' + line('khong-co', {}));
    s.push(line('import.progress', { batchId: 'b', index: 1, file: 'b.xlsx' }));
    await vi.waitFor(() => expect(heard).toHaveLength(2));
    expect(heard).toEqual([
      { batchId: 'b', index: 0, file: 'a.xlsx' },
      { batchId: 'b', index: 1, file: 'b.xlsx' },
    ]);
    expect(s.calls).toHaveLength(1);
    off();
    expect((s.calls[0]!.init.signal as AbortSignal).aborted).toBe(false);
    off2();
    // the last listener gone, the stream is closed
    expect((s.calls[0]!.init.signal as AbortSignal).aborted).toBe(true);
  });

  it('opens a new stream for the next listener after the host ended one', async () => {
    const s = streamingFetch();
    const api = createHttpApi({ token: 't', fetch: s.fn });
    api.on('import.progress', () => undefined);
    await vi.waitFor(() => expect(s.calls).toHaveLength(1));
    s.end();
    await vi.waitFor(() => {
      api.on('import.progress', () => undefined);
      expect(s.calls).toHaveLength(2);
    });
  });

  it('opens no stream without a token', () => {
    const s = streamingFetch();
    createHttpApi({ token: null, fetch: s.fn }).on('import.progress', () => undefined);
    expect(s.calls).toHaveLength(0);
  });
});
