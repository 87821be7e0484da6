import { useState } from 'preact/hooks';
import { Suspense } from 'preact/compat';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { browseMachine } from '../../../state-machines/flows/browse-machine';
import type { IndexEntry } from '../../../contract/catalog/catalog-index';
import { useKiosk } from '../kiosk-context';
import { useActorSnapshot } from '../hooks';
import { Pager, SessionFrame } from '../components/nav';
import { DeviceStatusPanel } from '../components/device-status';
import { OnScreenKeyboard } from '../components/keyboard';
import { CallStaffScreen, ComplaintScreen, EvaluateScreen, ItemGuide, ProgressScreen, ServiceScreen } from './journey-screens';
import type { MessageKey } from '../i18n';

type Browse = ActorRefFrom<typeof browseMachine>;

/** Renders the browse journey: one screen per state of the machine. */
export function BrowseJourney({ journey }: { journey: Browse }) {
  const snap = useActorSnapshot(journey);
  const send = journey.send;
  if (snap.matches('category')) return <CategoryScreen journey={journey} categoryId={snap.context.categoryId!} />;
  if (snap.matches('search')) return <SearchScreen journey={journey} query={snap.context.query} />;
  const back = () => send({ type: 'BACK' });
  const home = () => send({ type: 'HOME' });
  const journeyScreen = journeyScreenOf({ journey, snap, back, home });
  if (journeyScreen) return <Suspense fallback={null}>{journeyScreen}</Suspense>;
  return <HomeScreen send={send} />;
}

/** The screen of a feature, the item guide or the item's service (each in its own chunk, see journey-screens.ts); null on home. */
function journeyScreenOf({ journey, snap, back, home }: { journey: Browse; snap: SnapshotFrom<Browse>; back: () => void; home: () => void }) {
  const { callStaff, progress, complain, evaluate, service } = snap.children;
  if (snap.matches('callStaff') && callStaff) return <CallStaffScreen flow={callStaff} onBack={back} onHome={home} />;
  if (snap.matches('progress') && progress) return <ProgressScreen flow={progress} onBack={back} onHome={home} />;
  if (snap.matches('complain') && complain) return <ComplaintScreen flow={complain} onBack={back} onHome={home} />;
  if (snap.matches('evaluate') && evaluate) return <EvaluateScreen flow={evaluate} onBack={back} onHome={home} />;
  if (snap.matches('service') && service) return <ServiceScreen flow={service} />;
  if (snap.matches('item')) return <ItemGuide journey={journey} snap={snap} />;
  return null;
}

function HomeScreen({ send }: { send: Browse['send'] }) {
  const { t, catalog, pick, system, elder } = useKiosk();
  return (
    <SessionFrame title={t('home.title')} screen="home">
      <button type="button" class="searchbar" data-testid="open-search" onClick={() => send({ type: 'OPEN_SEARCH' })}>
        <span aria-hidden="true">⌕</span> {t('home.search')}
      </button>
      {catalog ? (
        <>
          <h2>{t('home.categories')}</h2>
          <div class="tiles" data-testid="categories">
            {catalog.categories.map((c) => (
              <button key={c.id} type="button" class="tile" data-category={c.id} onClick={() => send({ type: 'OPEN_CATEGORY', categoryId: c.id })}>
                <span class="tile__name">{pick(c.name)}</span>
                <span class="tile__count">{t('category.count', { count: catalog.inCategory(c.id).length })}</span>
              </button>
            ))}
          </div>
          <h2>{t('home.frequent')}</h2>
          <div class="list list--compact" data-testid="frequent">
            {catalog.frequent.slice(0, elder ? 4 : 8).map((i) => (
              <button key={i.id} type="button" class="list__item" data-item={i.id} onClick={() => send({ type: 'OPEN_ITEM', itemId: i.id })}>
                {pick(i.name)}
              </button>
            ))}
          </div>
        </>
      ) : (
        <p class="muted">{t('unavailable.body')}</p>
      )}
      <h2>{t('home.services')}</h2>
      <div class="tiles tiles--services">
        {(['progress', 'evaluate', 'complain', 'callStaff'] as const).map((f) => (
          <button key={f} type="button" class="tile tile--service" data-feature={f} onClick={() => send({ type: 'OPEN_FEATURE', feature: f, key: crypto.randomUUID() })}>
            <span class="tile__name">{t(`feature.${f}`)}</span>
          </button>
        ))}
      </div>
      <DeviceStatusPanel compact />
      <p class="muted" data-testid="terminal-id">
        {system.terminalId} · v{system.version}
      </p>
    </SessionFrame>
  );
}

function usePaged<T>(list: T[]): { items: T[]; page: number; pages: number; setPage: (p: number) => void } {
  const { elder } = useKiosk();
  const [page, setPage] = useState(0);
  const size = elder ? 4 : 8;
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(page, pages - 1);
  return { items: list.slice(p * size, p * size + size), page: p, pages, setPage };
}

function ItemButtons({ items, onOpen, note }: { items: IndexEntry[]; onOpen: (id: string) => void; note?: (i: IndexEntry) => string | undefined }) {
  const { pick } = useKiosk();
  return (
    <div class="list" data-testid="items">
      {items.map((i) => (
        <button key={i.id} type="button" class="list__item" data-item={i.id} onClick={() => onOpen(i.id)}>
          <span>{pick(i.name)}</span>
          {note?.(i) && <span class="list__note">{note(i)}</span>}
        </button>
      ))}
    </div>
  );
}

function CategoryScreen({ journey, categoryId }: { journey: Browse; categoryId: string }) {
  const { t, catalog, pick } = useKiosk();
  const category = catalog?.categories.find((c) => c.id === categoryId);
  const all = catalog?.inCategory(categoryId) ?? [];
  const paged = usePaged(all);
  return (
    <SessionFrame title={category ? pick(category.name) : ''} screen="category" onBack={() => journey.send({ type: 'BACK' })} onHome={() => journey.send({ type: 'HOME' })}>
      <p>{t('category.count', { count: all.length })}</p>
      {all.length === 0 && <p>{t('category.empty')}</p>}
      <ItemButtons items={paged.items} onOpen={(id) => journey.send({ type: 'OPEN_ITEM', itemId: id })} />
      <Pager page={paged.page} pages={paged.pages} onPage={paged.setPage} />
    </SessionFrame>
  );
}

function SearchScreen({ journey, query }: { journey: Browse; query: string }) {
  const { t, catalog, elder } = useKiosk();
  const result = catalog && query ? catalog.search(query) : undefined;
  const hits = result?.hits.slice(0, elder ? 4 : 6) ?? [];
  const matchNote: Partial<Record<string, MessageKey>> = { material: 'search.matchMaterial', department: 'search.matchDepartment', keyword: 'search.matchKeyword' };
  const fieldOf = new Map(hits.map((h) => [h.id, h.field]));
  return (
    <SessionFrame title={t('search.title')} screen="search" onBack={() => journey.send({ type: 'BACK' })} onHome={() => journey.send({ type: 'HOME' })}>
      <div class="search__query" data-testid="search-query" aria-live="polite">
        {query || <span class="muted">{t('search.placeholder')}</span>}
      </div>
      {result && <p data-testid="search-count">{t('search.results', { count: result.total })}</p>}
      {result && result.total === 0 && <p>{t('search.none')}</p>}
      {!query && <p class="muted">{t('search.hint')}</p>}
      <ItemButtons
        items={hits.map((h) => catalog!.byId.get(h.id)!).filter(Boolean)}
        onOpen={(id) => journey.send({ type: 'OPEN_ITEM', itemId: id })}
        note={(i) => {
          const key = matchNote[fieldOf.get(i.id) ?? ''];
          return key ? t(key) : undefined;
        }}
      />
      <OnScreenKeyboard value={query} onChange={(q) => journey.send({ type: 'TYPE', query: q })} />
    </SessionFrame>
  );
}
