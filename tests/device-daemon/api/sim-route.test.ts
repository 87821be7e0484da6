import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDaemon } from '../../helpers/daemon';

const paper = async (url: string): Promise<string> => {
  const h = (await (await fetch(`${url}health`)).json()) as { devices: Array<{ device: string; detail: { paper?: string } }> };
  return h.devices.find((x) => x.device === 'printer')!.detail.paper!;
};

// A simulator control runs only when its whole request was read and accepted.
// A body over 4 KB used to reset the connection and run the action all the same.
describe('simulator controls with a body over the limit', () => {
  const live = useDaemon({ beforeAll, afterAll });
  const post = (body: BodyInit, extra: RequestInit = {}) => fetch(`${live.daemon().url}sim/printer/paperOut`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...extra });

  it('the control is observable: paperOut with a small body takes the paper out (and paperLoad puts it back)', async () => {
    const d = live.daemon();
    expect(await paper(d.url)).toBe('full');
    expect((await post('{}')).status).toBe(200);
    expect(await paper(d.url)).toBe('out');
    expect((await d.sim('printer', 'paperLoad')).status).toBe(200);
    expect(await paper(d.url)).toBe('full');
  });

  it('a body over 4 KB (declared length) is answered 413 and the action does not run', async () => {
    const res = await post(JSON.stringify({ param: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/nothing was done/) });
    // The answer came after the daemon decided: nothing is on its way, the paper is still in.
    expect(await paper(live.daemon().url)).toBe('full');
  });

  it('a streamed body (no length given) that grows over 4 KB is answered 413 and the action does not run', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await post(stream as unknown as BodyInit, { duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await paper(live.daemon().url)).toBe('full');
  });
});
