import { useState } from 'preact/hooks';
import type { T } from './main';
import { type CaseRow as Case, type ComplaintRow, type Overview, post } from './staff-api';

function Section<Row extends object>({ title, rows, children, id }: { title: string; rows: Row[]; children: (r: Row) => preact.ComponentChildren; id: string }) {
  return (
    <section data-testid={`section-${id}`}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p class="none">—</p>
      ) : (
        <ul>
          {rows.map((r, i) => (
            <li key={'caseNo' in r ? String(r.caseNo) : i}>{children(r)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour12: false });

function CaseRow({ t, c, allowed, reload }: { t: T; c: Case; allowed: string[]; reload: () => void }) {
  const [ask, setAsk] = useState<'requestMaterials' | 'reject' | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const step = (body: Record<string, unknown>) =>
    post(`cases/${c.caseNo}/step`, body).then(
      () => {
        setAsk(null);
        setText('');
        setError('');
        reload();
      },
      (e: Error) => setError(t('step.failed', { reason: e.message })),
    );
  const steps = ['accept', 'requestMaterials', 'approve', 'reject', 'readyForPickup', 'posted'].filter((s) => allowed.includes(s));
  return (
    <div data-case={c.caseNo} data-status={c.status}>
      <strong>{c.caseNo}</strong> · {c.department} · <span data-testid="case-status">{t(`case.status.${c.status}`)}</span>
      <ol class="timeline">
        {c.events.map((e, i) => (
          <li key={i}>
            {time(e.at)} {t(`case.status.${e.status}`)}
            {e.note ? ` — ${e.note}` : ''}
          </li>
        ))}
      </ol>
      <div class="actions">
        {steps.map((s) => (
          <button key={s} type="button" data-step={s} onClick={() => (s === 'requestMaterials' || s === 'reject' ? setAsk(s) : void step({ step: s }))}>
            {t(`step.${s}`)}
          </button>
        ))}
      </div>
      {ask && (
        <div class="ask">
          <label>
            {t(ask === 'reject' ? 'step.reasonPrompt' : 'step.materialsPrompt')}
            <textarea data-testid="step-text" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          </label>
          <button
            type="button"
            data-testid="step-confirm"
            onClick={() =>
              void step(
                ask === 'reject'
                  ? { step: 'reject', reason: text }
                  : {
                      step: 'requestMaterials',
                      materials: text
                        .split('\n')
                        .map((l) => l.trim())
                        .filter(Boolean),
                    },
              )
            }
          >
            {t(`step.${ask}`)}
          </button>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

function Complaint({ t, c }: { t: T; c: ComplaintRow }) {
  const [phone, setPhone] = useState('');
  return (
    <>
      {c.caseNo} · {time(c.at)} · {c.text} · {t('complaint.answerBy', { date: c.answerBy ?? '—' })}{' '}
      {c.hasCallbackPhone
        ? phone || (
            <button type="button" onClick={() => void post(`complaints/${c.caseNo}/reveal-phone`).then((r) => setPhone(String(r.phone)))}>
              {t('complaint.reveal')}
            </button>
          )
        : t('complaint.noPhone')}
    </>
  );
}

export function Lists({ t, data, reload }: { t: T; data: Overview; reload: () => void }) {
  const allowed = data.allowed;
  const act = (path: string) => void post(path).then(reload, reload);
  return (
    <div class="lists">
      <Section id="calls" title={t('section.calls')} rows={data.calls}>
        {(c) => (
          <div data-call={c.caseNo}>
            <strong>{time(c.at)}</strong> {t(`call.reason.${c.reason}`)} (<span class="case-no">{c.caseNo}</span>){' '}
            {c.done ? (
              t('call.doneBy', { staffNo: c.done.staffNo, at: time(c.done.at) })
            ) : c.cancelled ? (
              <span data-testid="call-cancelled">{t('call.cancelledAt', { at: time(c.cancelled.at) })}</span>
            ) : c.acknowledged ? (
              <>
                {t('call.acknowledgedBy', { staffNo: c.acknowledged.staffNo, at: time(c.acknowledged.at) })}{' '}
                <button type="button" onClick={() => act(`calls/${c.caseNo}/done`)}>
                  {t('call.done')}
                </button>
              </>
            ) : (
              <button type="button" data-testid="call-acknowledge" onClick={() => act(`calls/${c.caseNo}/acknowledge`)}>
                {t('call.acknowledge')}
              </button>
            )}
          </div>
        )}
      </Section>
      <Section id="alerts" title={t('section.alerts')} rows={data.alerts}>
        {(a) => `${a.device}: ${t(`alert.${a.code}`)}`}
      </Section>
      {data.platform === 'embedded' && (
        <Section id="cases" title={t('section.cases')} rows={data.cases}>
          {(c) => <CaseRow t={t} c={c} allowed={allowed} reload={reload} />}
        </Section>
      )}
      <Section id="submissions" title={t('section.submissions')} rows={data.submissions}>
        {(s) => (
          <>
            {time(s.acceptedAt)} <span class="case-no">{s.caseNo}</span> · {t(`kind.${s.kind}`)}
            {s.applicant ? ` · ${s.applicant}` : ''} · {t(`state.${s.state}`)}
            {s.parkedReason ? ` — ${s.parkedReason}` : ''}{' '}
            {s.parkedReason !== null && allowed.includes('requeue') && (
              <button type="button" onClick={() => act(`submissions/${s.caseNo}/requeue`)}>
                {t('requeue')}
              </button>
            )}
          </>
        )}
      </Section>
      <Section id="complaints" title={t('section.complaints')} rows={data.complaints}>
        {(c) => <Complaint t={t} c={c} />}
      </Section>
      <Section id="evaluations" title={t('section.evaluations')} rows={data.evaluations}>
        {(e) => (
          <span class={e.bad ? 'bad' : ''}>
            {time(e.at)} {e.label} {e.bad ? `· ${t('evaluation.bad')}` : ''} {e.followUpDue ? `· ${t('evaluation.followUp', { date: e.followUpDue })}` : ''}
          </span>
        )}
      </Section>
    </div>
  );
}
