import { useState } from 'preact/hooks';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { browseMachine } from '../../../state-machines/flows/browse-machine';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import type { ServiceMode } from '../../../state-machines/flows/service-machine';
import { useKiosk } from '../kiosk-context';
import { SessionFrame } from '../components/nav';
import { printErrorKey, printerBlocker } from '../components/printer-availability';
import type { MessageKey } from '../i18n';
import { serviceInput } from '../flows/service-args';
import { useItemGuide } from '../catalog/use-item-guide';
import { GuidePending } from '../components/guide-pending';

type Browse = ActorRefFrom<typeof browseMachine>;
const SECTIONS = ['basic', 'conditions', 'materials', 'steps', 'time', 'where'] as const;
type Section = (typeof SECTIONS)[number];

/** 办事指南: one section at a time (tabs, no scrolling hunts), and the one-time notice print. */
export function ItemGuide({ journey, snap }: { journey: Browse; snap: SnapshotFrom<Browse> }) {
  const { t, catalog, pick, locale, system } = useKiosk();
  const [section, setSection] = useState<Section>('basic');
  const { state: guide, retry } = useItemGuide(catalog, snap.context.itemId);
  if (guide.status !== 'ready') {
    const entry = catalog?.byId.get(snap.context.itemId ?? '');
    return (
      <SessionFrame title={entry ? pick(entry.name) : ''} screen="item" onBack={() => journey.send({ type: 'BACK' })} onHome={() => journey.send({ type: 'HOME' })}>
        <GuidePending state={guide} onRetry={retry} />
      </SessionFrame>
    );
  }
  const item = guide.item;
  return (
    <SessionFrame title={pick(item.name)} screen="item" onBack={() => journey.send({ type: 'BACK' })} onHome={() => journey.send({ type: 'HOME' })}>
      <p class="guide__mode" data-testid="guide-mode">
        {t(`guide.mode.${item.terminal.mode}`)}
      </p>
      {locale === 'en' && (
        <p class="guide__summary" lang="en">
          {item.summaryEn} <span class="muted">{t('guide.englishNote')}</span>
        </p>
      )}
      <div class="guide">
        <div class="tabs" role="tablist" aria-label={t('guide.sections')}>
          {SECTIONS.map((s) => (
            <button key={s} id={`tab-${s}`} type="button" class="tab" role="tab" aria-selected={s === section} aria-controls="guide-panel" data-section={s} onClick={() => setSection(s)}>
              {t(`guide.${s}`)}
            </button>
          ))}
        </div>
        <section id="guide-panel" class="guide__section" role="tabpanel" aria-labelledby={`tab-${section}`} data-testid={`guide-${section}`} lang="zh-CN">
          <GuideSection item={item} section={section} />
        </section>
      </div>
      <NoticeActions journey={journey} snap={snap} />
      {item.terminal.mode !== 'guideOnly' &&
        (needsStore(item.terminal.mode) && !system.store.accepting ? <StoreUnavailable journey={journey} /> : <StartService journey={journey} item={item} mode={item.terminal.mode} />)}
    </SessionFrame>
  );
}

/** Applying stores the submission; a query-and-print records its audit line: neither can finish while the store cannot write. A pre-check stores nothing. */
const needsStore = (mode: ServiceMode): boolean => mode !== 'precheck';

/**
 * Said before identification, so nobody fills a whole form the store cannot
 * keep: what still works instead (the guide and the notice print above,
 * progress by number while the store can still be read) and who to ask.
 */
function StoreUnavailable({ journey }: { journey: Browse }) {
  const { t, system } = useKiosk();
  // Progress is a feature of the home screen: go there and open it, as its tile does.
  const openProgress = () => {
    journey.send({ type: 'HOME' });
    journey.send({ type: 'OPEN_FEATURE', feature: 'progress', key: crypto.randomUUID() });
  };
  return (
    <div class="start-service" data-testid="store-unavailable" role="status">
      <h2>{t('store.unavailable.title')}</h2>
      <p>
        {t('store.unavailable.body')}
        {system.store.readable && ` ${t('store.unavailable.progress')}`}
      </p>
      {system.store.readable && (
        <button type="button" class="btn btn--secondary btn--large" data-testid="store-unavailable-progress" onClick={openProgress}>
          {t('feature.progress')}
        </button>
      )}
      <p class="muted">{t('store.unavailable.help', { phone: system.site.phones.center })}</p>
    </div>
  );
}

/** Apply / pre-check / query-and-print: the journey starts with identification by ID card. */
function StartService({ journey, item, mode }: { journey: Browse; item: CatalogItem; mode: ServiceMode }) {
  const { t, elder } = useKiosk();
  const start = () => {
    const input = serviceInput(item, elder, crypto.randomUUID(), Date.now());
    if (input) journey.send({ type: 'START_SERVICE', input });
  };
  return (
    <div class="start-service">
      <button type="button" class="btn btn--primary btn--large" data-testid="start-service" onClick={start}>
        {t(`service.start.${mode}`)}
      </button>
      <p class="muted">{t('service.start.needCard')}</p>
    </div>
  );
}

function NoticeActions({ journey, snap }: { journey: Browse; snap: SnapshotFrom<Browse> }) {
  const { t, devices } = useKiosk();
  const blocker = printerBlocker(devices.printer);
  const printing = snap.matches({ item: 'printing' });
  const printed = snap.matches({ item: 'printed' });
  const failed = snap.matches({ item: 'failed' });
  return (
    <div class="notice-actions" data-testid="notice">
      <button type="button" class="btn btn--primary btn--large" data-testid="print-notice" disabled={printing || blocker !== null} onClick={() => journey.send({ type: 'PRINT_NOTICE' })}>
        {printed ? t('notice.printAgain') : failed ? t('notice.retry') : t('notice.print')}
      </button>
      <p aria-live="polite" data-testid="notice-status">
        {printing && t('notice.printing')}
        {printed && t('notice.printed')}
        {failed && t('notice.failed', { reason: t(printErrorKey(snap.context.noticeError)) })}
        {!printing && blocker && t('notice.unavailable', { reason: t(blocker) })}
      </p>
    </div>
  );
}

function GuideSection({ item, section }: { item: CatalogItem; section: Section }) {
  const { t, system } = useKiosk();
  const dl = (rows: Array<[MessageKey, string | undefined]>) => (
    <dl class="facts">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k} class="facts__row">
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
  switch (section) {
    case 'basic':
      return dl([
        ['guide.department', `${item.department.zh}（${item.implementingBody}）`],
        ['guide.levels', item.levels.join('、')],
        ['guide.visits', t('guide.visitsValue', { count: item.onsiteVisits })],
        ['guide.online', item.online.available ? t('guide.onlineYes', { channels: item.online.channels.join('、') }) : t('guide.onlineNo')],
        ['guide.delivery', item.delivery.text.join('；')],
        ['guide.basis', item.basis],
        // Sample item codes are synthetic: shown only as such, never as official.
        ['guide.itemType', item.codeIsOfficial ? `${item.itemType} · ${item.code}` : `${item.itemTypeNote ?? item.itemType}`],
      ]);
    case 'conditions':
      return (
        <ul class="bullets">
          {item.conditions.map((c, i) => (
            <li key={i}>{c.zh}</li>
          ))}
        </ul>
      );
    case 'materials':
      return (
        <ol class="materials">
          {item.materials.map((m) => (
            <li key={m.id} data-material={m.id}>
              <strong>{m.name.zh}</strong>
              {!m.required && <span> {t('guide.optional')}</span>}
              <span class="materials__counts">
                {m.originals > 0 && ` · ${t('guide.originals', { count: m.originals })}`}
                {m.copies > 0 && ` · ${t('guide.copies', { count: m.copies })}`}
              </span>
              {m.note && <div class="muted">{m.note.zh}</div>}
            </li>
          ))}
        </ol>
      );
    case 'steps':
      return (
        <ol class="steps">
          {item.steps.map((s, i) => (
            <li key={i}>{s.zh}</li>
          ))}
        </ol>
      );
    case 'time':
      return dl([
        ['guide.legalTime', item.timeLimit.legalText],
        ['guide.promisedTime', item.timeLimit.promisedText],
        ['guide.fee', item.fee.text],
      ]);
    case 'where':
      return (
        <>
          {item.where.map((w, i) => (
            <div key={i} class="place">
              <strong>{w.place.zh}</strong>
              {w.address && <div>{w.address}</div>}
              <div>
                {t('guide.hours')}：{w.hours.zh}
              </div>
            </div>
          ))}
          {dl([
            ['guide.phoneConsult', item.phones?.consultation ?? system.site.phones.consultation],
            ['guide.phoneSupervise', item.phones?.supervision ?? system.site.phones.supervision],
          ])}
        </>
      );
  }
}
