import type { VNode } from 'preact';
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
import { PrinterNotice } from '../components/printer-notice';
import { PagedBlocks } from '../components/paged-blocks';
import { confirmedOnly, isUnconfirmed } from '../../../contract/catalog/unconfirmed';
import { windowPlaces } from '../../../contract/catalog/window-places';

type Browse = ActorRefFrom<typeof browseMachine>;
const SECTIONS = ['basic', 'conditions', 'materials', 'steps', 'time', 'where'] as const;
type Section = (typeof SECTIONS)[number];

/** 办事指南: one section at a time (tabs), a page at a time (page buttons, never a scrolling box), and the one-time notice print. */
export function ItemGuide({ journey, snap }: { journey: Browse; snap: SnapshotFrom<Browse> }) {
  const { t, catalog, pick, system } = useKiosk();
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
  const { t, elder, devices } = useKiosk();
  // A look-up whose printout cannot come out now is offered as what it still is: a look-up on screen.
  const viewOnly = mode === 'queryPrint' && printerBlocker(devices.printer) !== null;
  const start = () => {
    const input = serviceInput(item, elder, crypto.randomUUID(), Date.now());
    if (input) journey.send({ type: 'START_SERVICE', input });
  };
  return (
    <div class="start-service">
      {mode !== 'precheck' && <PrinterNotice ending={mode === 'queryPrint' ? 'records' : 'receipt'} />}
      <button type="button" class="btn btn--primary btn--large" data-testid="start-service" onClick={start}>
        {viewOnly ? t('printing.viewOnScreen') : t(`service.start.${mode}`)}
      </button>
      <p class="muted start-service__cards">{t('service.start.needCard')}</p>
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

/** Items finished at this terminal: what the card reader reads, the terminal makes or departments share is not brought. */
const doneAtTerminal = (item: CatalogItem): boolean => item.terminal.mode === 'apply' || item.terminal.mode === 'queryPrint';

/** A catalog text, or nothing while it is still unconfirmed (待核: listed in catalog.diagnostics instead). */
const shown = (text: string | undefined): string | undefined => (isUnconfirmed(text) ? undefined : text);

/**
 * One tab's content a page at a time (components/paged-blocks.tsx): whole
 * rows, conditions, materials, steps or places per page, as many as the box
 * holds at this size, mode and language. In English the item's English summary
 * opens the overview.
 */
function GuideSection({ item, section }: { item: CatalogItem; section: Section }) {
  const kiosk = useKiosk();
  const { t, locale } = kiosk;
  const blocks = sectionBlocks(item, section, kiosk);
  if (section === 'basic' && locale === 'en') {
    blocks.unshift(
      <p key="summary" class="guide__summary" lang="en">
        {item.summaryEn} <span class="muted">{t('guide.englishNote')}</span>
      </p>,
    );
  }
  const wrap = (shown: VNode[], first: number) => {
    if (section === 'conditions') return <ul class="bullets">{shown}</ul>;
    if (section === 'materials')
      return (
        <ol class="materials" start={first + 1}>
          {shown}
        </ol>
      );
    if (section === 'steps')
      return (
        <ol class="steps" start={first + 1}>
          {shown}
        </ol>
      );
    return <div class="facts">{shown}</div>;
  };
  return <PagedBlocks blocks={blocks} wrap={wrap} resetKey={`${item.id}:${section}`} />;
}

/** A fact as its own one-pair list, so a page can end between any two facts. */
const fact = (term: string, value: string) => (
  <dl key={term} class="facts__row">
    <dt>{term}</dt>
    <dd>{value}</dd>
  </dl>
);

function sectionBlocks(item: CatalogItem, section: Section, { t, system }: Pick<ReturnType<typeof useKiosk>, 't' | 'system'>): VNode[] {
  const facts = (rows: Array<[MessageKey, string | undefined]>) => rows.filter(([, v]) => v).map(([k, v]) => fact(t(k), v!));
  const list = (texts: string[]) => confirmedOnly(texts).join(t('guide.listSeparator'));
  switch (section) {
    case 'basic': {
      const body = shown(item.implementingBody);
      const channels = list(item.online.channels);
      const typeNote = shown(item.itemTypeNote);
      return facts([
        ['guide.department', shown(item.department.zh) && (body ? `${item.department.zh}（${body}）` : item.department.zh)],
        ['guide.levels', item.levels.map((l) => t(`guide.level.${l}`)).join(t('guide.listSeparator'))],
        ['guide.visits', t('guide.visitsValue', { count: item.onsiteVisits })],
        ['guide.online', item.online.available ? channels && t('guide.onlineYes', { channels }) : t('guide.onlineNo')],
        ['guide.delivery', list(item.delivery.text)],
        ['guide.basis', shown(item.basis)],
        // Sample item codes are synthetic: shown only as such, never as official.
        ['guide.itemType', [t(`guide.type.${item.itemType}`), typeNote, item.codeIsOfficial ? item.code : undefined].filter(Boolean).join(' · ')],
      ]);
    }
    case 'conditions':
      return confirmedOnly(item.conditions.map((c) => c.zh)).map((c, i) => <li key={i}>{c}</li>);
    case 'materials':
      return materialBlocks(item, t);
    case 'steps':
      return confirmedOnly(item.steps.map((s) => s.zh)).map((s, i) => <li key={i}>{s}</li>);
    case 'time':
      return facts([
        ['guide.legalTime', shown(item.timeLimit.legalText)],
        ['guide.promisedTime', shown(item.timeLimit.promisedText)],
        ['guide.fee', shown(item.fee.text)],
      ]);
    case 'where':
      return [
        ...(doneAtTerminal(item)
          ? [
              <div key="terminal" class="place" data-place="terminal">
                <strong>{t('guide.terminalPlace', { site: system.site.name })}</strong>
                <div>{system.site.address}</div>
                <div>
                  {t('guide.hours')}：{system.site.open24h ? t('guide.terminalHours24') : system.site.hoursText}
                </div>
              </div>,
            ]
          : []),
        ...windowPlaces(item.where, system.site).map((w, i) => (
          <div key={`window-${i}`} class="place">
            <strong>{w.place}</strong>
            {w.address && <div>{w.address}</div>}
            {w.hours && (
              <div>
                {t('guide.hours')}：{w.hours}
              </div>
            )}
          </div>
        )),
        ...facts([
          ['guide.phoneConsult', item.phones?.consultation ?? system.site.phones.consultation],
          ['guide.phoneSupervise', item.phones?.supervision ?? system.site.phones.supervision],
        ]),
      ];
  }
}

/** What to bring: at the terminal, what it reads, makes or fetches is said so instead of counting copies. */
function materialBlocks(item: CatalogItem, t: ReturnType<typeof useKiosk>['t']): VNode[] {
  const atTerminal = doneAtTerminal(item);
  return item.materials.map((m) => {
    const nothingToBring = m.terminalCheck === 'sharedData' || (atTerminal && m.terminalCheck !== 'none');
    const note = shown(m.note?.zh);
    return (
      <li key={m.id} data-material={m.id}>
        <strong>{m.name.zh}</strong>
        {!m.required && <span> {t('guide.optional')}</span>}
        {nothingToBring && m.terminalCheck !== 'none' ? (
          <div class="materials__counts">{t(`guide.material.${m.terminalCheck}`)}</div>
        ) : (
          <span class="materials__counts">
            {m.originals > 0 && ` · ${t('guide.originals', { count: m.originals })}`}
            {m.copies > 0 && ` · ${t('guide.copies', { count: m.copies })}`}
          </span>
        )}
        {note && <div class="muted">{note}</div>}
      </li>
    );
  });
}
