import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { CommandError } from '../../../kiosk-ui/src/client/daemon-client';
import { GUIDE_WAIT_MS, ItemGuides } from '../../../kiosk-ui/src/catalog/item-guides';

/** A daemon link whose catalog.item answers only when the test says so. */
function link() {
  const asked: string[] = [];
  const answers = new Map<string, { resolve: (v: { item: CatalogItem }) => void; reject: (e: unknown) => void }>();
  const client = {
    call: (_name: string, args: { id: string }) =>
      new Promise<{ item: CatalogItem }>((resolve, reject) => {
        asked.push(args.id);
        answers.set(args.id, { resolve, reject });
      }),
  };
  const answer = (id: string) => answers.get(id)!.resolve({ item: { id } as CatalogItem });
  const fail = (id: string) => answers.get(id)!.reject(new CommandError('notFound', 'no such item'));
  return { guides: new ItemGuides(client as never), asked, answer, fail };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.useRealTimers());

describe('ItemGuides.openWhenReady', () => {
  it('opens the item once its guide has arrived, not before, and the item screen finds it kept', async () => {
    const { guides, asked, answer } = link();
    const open = vi.fn();
    guides.openWhenReady('A', open);
    await settle();
    expect(asked).toEqual(['A']);
    expect(open).not.toHaveBeenCalled();
    answer('A');
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    expect(guides.get('A')?.id).toBe('A');
  });

  it('opens at once an item whose guide is kept, without asking again', async () => {
    const { guides, asked, answer } = link();
    guides.openWhenReady('A', () => undefined);
    answer('A');
    await settle();
    const open = vi.fn();
    guides.openWhenReady('A', open);
    expect(open).toHaveBeenCalledTimes(1);
    expect(asked).toEqual(['A']);
  });

  it('opens at the bound when the guide is slow (the item screen then shows it loading), and only once when it arrives later', async () => {
    vi.useFakeTimers();
    const { guides, answer } = link();
    const open = vi.fn();
    guides.openWhenReady('A', open);
    await vi.advanceTimersByTimeAsync(GUIDE_WAIT_MS - 1);
    expect(open).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(open).toHaveBeenCalledTimes(1);
    answer('A');
    await vi.advanceTimersByTimeAsync(0);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('opens when the fetch fails (the item screen says so and offers retry)', async () => {
    const { guides, fail } = link();
    const open = vi.fn();
    guides.openWhenReady('A', open);
    fail('A');
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    expect(guides.get('A')).toBeUndefined();
  });

  it('ignores another tap while an opening waits (a double tap opens one item once), and takes taps again after', async () => {
    const { guides, asked, answer } = link();
    const first = vi.fn();
    const second = vi.fn();
    guides.openWhenReady('A', first);
    guides.openWhenReady('A', first);
    guides.openWhenReady('B', second);
    answer('A');
    await settle();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    expect(asked).toEqual(['A']);
    const third = vi.fn();
    guides.openWhenReady('B', third);
    answer('B');
    await settle();
    expect(third).toHaveBeenCalledTimes(1);
  });
});
