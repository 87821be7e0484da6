import { Suspense } from 'preact/compat';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { browseMachine } from '../../../state-machines/flows/browse-machine';
import type { IndexEntry } from '../../../contract/catalog/catalog-index';
import { useKiosk } from '../kiosk-context';
import { useActorSnapshot } from '../hooks';
import { SessionFrame } from '../components/nav';
import { FittedPages } from '../components/pager';
import { CategoryIcon, UiIcon } from '../components/icon';
import { CandidateBar } from '../components/candidate-bar';
import { DeviceStatusPanel } from '../components/device-status';
import { OnScreenKeyboard } from '../components/keyboard';
import { CallStaffScreen, ComplaintScreen, EvaluateScreen, ItemGuide, ProgressScreen, ServiceScreen } from './journey-screens';
import type { Locale, MessageKey } from '../i18n';
import type { UiCatalog } from '../catalog/ui-catalog';

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

/**
 * Home: search, the categories and the terminal's services always on screen
 * (every size, elder mode, both languages); the frequent items fill what
 * height is left, as many as fit.
 */
function HomeScreen({ send }: { send: Browse['send'] }) {
  const { t, catalog, pick, system } = useKiosk();
  return (
    <SessionFrame title={t('home.title')} screen="home">
      <button type="button" class="searchbar" data-testid="open-search" data-primary onClick={() => send({ type: 'OPEN_SEARCH' })}>
        <UiIcon name="search" /> {t('home.search')}
      </button>
      {catalog ? (
        <section class="home__group" aria-labelledby="home-categories">
          <h2 id="home-categories">{t('home.categories')}</h2>
          <div class="tiles tiles--categories" data-testid="categories">
            {catalog.categories.map((c) => (
              <button key={c.id} type="button" class="tile" data-primary data-category={c.id} onClick={() => send({ type: 'OPEN_CATEGORY', categoryId: c.id })}>
                <CategoryIcon id={c.id} />
                <span class="tile__name">{pick(c.name)}</span>
                <span class="tile__count">{t('category.count', { count: catalog.inCategory(c.id).length })}</span>
              </button>
            ))}
          </div>
        </section>
      ) : (
        <p class="muted">{t('unavailable.body')}</p>
      )}
      <section class="home__group" aria-labelledby="home-services">
        <h2 id="home-services">{t('home.services')}</h2>
        <div class="tiles tiles--services">
          {(['progress', 'evaluate', 'complain', 'callStaff'] as const).map((f) => (
            <button
              key={f}
              type="button"
              class="tile tile--service"
              data-primary
              data-feature={f}
              onClick={() => send({ type: 'OPEN_FEATURE', feature: f, key: crypto.randomUUID(), ratingKey: crypto.randomUUID() })}
            >
              <span class="tile__name">{t(`feature.${f}`)}</span>
            </button>
          ))}
        </div>
      </section>
      {catalog && catalog.frequent.length > 0 && (
        <section class="home__group home__frequent" aria-labelledby="home-frequent">
          <h2 id="home-frequent">{t('home.frequent')}</h2>
          <FittedPages
            items={catalog.frequent}
            firstPageOnly
            render={(items) => (
              <div class="list list--compact" data-testid="frequent">
                {items.map((i) => (
                  <button key={i.id} type="button" class="list__item" data-item={i.id} onClick={() => catalog.guides.openWhenReady(i.id, () => send({ type: 'OPEN_ITEM', itemId: i.id }))}>
                    {pick(i.name)}
                  </button>
                ))}
              </div>
            )}
          />
        </section>
      )}
      <div class="home__foot">
        <DeviceStatusPanel compact />
        <p class="muted" data-testid="terminal-id">
          {system.terminalId} · v{system.version}
        </p>
      </div>
    </SessionFrame>
  );
}

/** An item opens with its guide already there when it comes quickly (see ItemGuides.openWhenReady). */
function openItem(catalog: UiCatalog | null, id: string, journey: Browse): void {
  const open = () => journey.send({ type: 'OPEN_ITEM', itemId: id });
  if (catalog) catalog.guides.openWhenReady(id, open);
  else open();
}

function ItemButtons({ items, onOpen, note }: { items: IndexEntry[]; onOpen: (id: string) => void; note?: (i: IndexEntry) => string | undefined }) {
  const { pick } = useKiosk();
  return (
    <div class="list" data-testid="items" data-primary>
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
  return (
    <SessionFrame title={category ? pick(category.name) : ''} screen="category" onBack={() => journey.send({ type: 'BACK' })} onHome={() => journey.send({ type: 'HOME' })}>
      <p>{t('category.count', { count: all.length })}</p>
      {all.length === 0 && <p>{t('category.empty')}</p>}
      <FittedPages items={all} resetKey={categoryId} render={(items) => <ItemButtons items={items} onOpen={(id) => openItem(catalog, id, journey)} />} />
    </SessionFrame>
  );
}

/** Pinyin and hanzi always; in English mode the English matches first, then the pinyin ones not already found. */
function searchFor(catalog: UiCatalog, query: string, locale: Locale): { hits: Array<{ id: string; field: string }>; total: number } {
  const pinyin = catalog.search(query);
  if (locale !== 'en') return pinyin;
  const english = catalog.searchEnglish(query);
  const seen = new Set(english.hits.map((h) => h.id));
  const hits = [...english.hits, ...pinyin.hits.filter((h) => !seen.has(h.id))];
  return { hits, total: hits.length };
}

function SearchScreen({ journey, query }: { journey: Browse; query: string }) {
  const { t, catalog, locale } = useKiosk();
  const result = catalog && query ? searchFor(catalog, query, locale) : undefined;
  const hits = result?.hits ?? [];
  const matchNote: Partial<Record<string, MessageKey>> = {
    material: 'search.matchMaterial',
    department: 'search.matchDepartment',
    keyword: 'search.matchKeyword',
    summary: 'search.matchSummary',
  };
  const fieldOf = new Map(hits.map((h) => [h.id, h.field]));
  return (
    <SessionFrame title={t('search.title')} screen="search" onBack={() => journey.send({ type: 'BACK' })} onHome={() => journey.send({ type: 'HOME' })}>
      <div class="search__results">
        <div class="search__query" data-testid="search-query" aria-live="polite">
          {query || <span class="muted">{t('search.placeholder')}</span>}
        </div>
        <CandidateBar words={catalog?.candidates(query) ?? []} onPick={(w) => journey.send({ type: 'TYPE', query: w })} />
        {result && <p data-testid="search-count">{t('search.results', { count: result.total })}</p>}
        {result && result.total === 0 && <p>{t('search.none')}</p>}
        {!query && <p class="muted">{t('search.hint')}</p>}
        <FittedPages
          items={hits.map((h) => catalog!.byId.get(h.id)!).filter(Boolean)}
          resetKey={query}
          render={(items) => (
            <ItemButtons
              items={items}
              onOpen={(id) => openItem(catalog, id, journey)}
              note={(i) => {
                const key = matchNote[fieldOf.get(i.id) ?? ''];
                return key ? t(key) : undefined;
              }}
            />
          )}
        />
      </div>
      <OnScreenKeyboard primary value={query} onChange={(q) => journey.send({ type: 'TYPE', query: q })} />
    </SessionFrame>
  );
}
