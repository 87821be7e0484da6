import type { SoakReport } from './run';
import type { GcPauses, Sample } from './sampler';

const MB = (b: number) => (b / 1048576).toFixed(1);

/** One line per sample, as the long run prints them. */
export function formatSample(s: Sample): string {
  const handles = Object.entries(s.resources)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return [
    `sessions ${String(s.sessions).padStart(6)}`,
    `t ${(s.elapsedMs / 1000).toFixed(0).padStart(5)} s`,
    `rss ${MB(s.rss)} MB (private ${MB(s.privateDirty)}; before the GC ${MB(s.rssBeforeGc)})`,
    `heap ${MB(s.heapUsed)}/${MB(s.heapTotal)} MB`,
    `external ${MB(s.external)} MB (arrayBuffers ${MB(s.arrayBuffers)})`,
    `fds ${s.fds}`,
    `handles ${handles}`,
    `db ${MB(s.dbBytes)} MB`,
    `log ${(s.logBytes / 1024).toFixed(0)} KB`,
    `regions rss/private MB ${Object.entries(s.regions)
      .map(([k, v]) => `${k} ${MB(v.rss)}/${MB(v.privateDirty)}`)
      .join(', ')}`,
    `v8 size/used MB ${Object.entries(s.spaces)
      .map(([k, v]) => `${k.replace(/_space$/, '')} ${MB(v.size)}/${MB(v.used)}`)
      .join(', ')}`,
    `gc pauses ${formatPauses(s.gcPauses)}`,
    ...(s.page ? [`page heap ${MB(s.page.jsHeapUsed)}/${MB(s.page.jsHeapTotal)} MB, ${s.page.nodes} nodes, ${s.page.listeners} listeners, ${s.page.documents} documents`] : []),
  ].join(' · ');
}

const formatPauses = (pauses: Record<string, GcPauses>): string =>
  Object.entries(pauses)
    .map(([kind, p]) => `${kind} ${p.count} (longest ${p.maxMs.toFixed(1)} ms, ${p.ms.toFixed(0)} ms in all)`)
    .join(', ') || 'none';

/** The daemon's GC pauses over the whole run (every sample's since the one before), by kind. */
export function gcOverRun(samples: Sample[]): Record<string, GcPauses> {
  const all: Record<string, GcPauses> = {};
  for (const s of samples)
    for (const [kind, p] of Object.entries(s.gcPauses ?? {})) {
      all[kind] ??= { count: 0, ms: 0, maxMs: 0 };
      const a = all[kind];
      a.count += p.count;
      a.ms += p.ms;
      a.maxMs = Math.max(a.maxMs, p.maxMs);
    }
  return all;
}

/** The sample taken at `sessions` (or the first one after it). */
export function sampleAt(samples: Sample[], sessions: number): Sample | undefined {
  return samples.find((s) => s.sessions >= sessions);
}

/** Log bytes per session between the first sample after 100 sessions and the last (start-up lines excluded). */
export function logPerSession(samples: Sample[]): number {
  const a = samples.at(-1)!.sessions > 100 ? sampleAt(samples, 100)! : samples[0]!;
  const b = samples.at(-1)!;
  return b.sessions > a.sessions ? (b.logBytes - a.logBytes) / (b.sessions - a.sessions) : Number.NaN;
}

/** The summary: throughput, memory against its targets, the invariants and the audit. */
export function formatReport(r: SoakReport): string {
  const last = r.samples.at(-1)!;
  const at100 = sampleAt(r.samples, 100);
  const rows = [
    `sessions: ${r.sessions} (${r.browserSessions} through Chromium) in ${(r.elapsedMs / 1000).toFixed(0)} s = ${((r.sessions * 1000) / r.elapsedMs).toFixed(2)} sessions/s`,
    `journeys: ${Object.entries(r.perJourney)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `RSS: ${at100 ? `${MB(at100.rss)} MB at ${at100.sessions}, ` : ''}${MB(last.rss)} MB at ${last.sessions}${at100 ? ` (ratio ${(last.rss / at100.rss).toFixed(3)}, target ≤ 1.05)` : ''}; target ≤ 90 MB`,
    ...(r.atRest
      ? [
          `at rest: RSS ${MB(r.atRest.sample.rss)} MB (private ${MB(r.atRest.sample.privateDirty)}) after ${(r.atRest.restMs / 1000).toFixed(0)} s with nobody at the terminal, ${MB(last.rss)} MB right after the last session`,
        ]
      : []),
    `daemon's GC pauses over the run: ${formatPauses(gcOverRun(r.samples))}`,
    `JS heap after GC: ${MB(last.heapUsed)} MB used of ${MB(last.heapTotal)}; external ${MB(last.external)} MB, arrayBuffers ${MB(last.arrayBuffers)} MB`,
    ...(r.samples[0]?.page && last.page
      ? [
          `page (attract, after GC): JS heap ${MB(r.samples[0].page.jsHeapUsed)} → ${MB(last.page.jsHeapUsed)} MB, DOM nodes ${r.samples[0].page.nodes} → ${last.page.nodes}, listeners ${r.samples[0].page.listeners} → ${last.page.listeners}, documents ${r.samples[0].page.documents} → ${last.page.documents}`,
        ]
      : []),
    `fds ${r.samples[0]!.fds} → ${last.fds}; db ${MB(last.dbBytes)} MB; log ${logPerSession(r.samples).toFixed(0)} B/session (target ≤ 1024)`,
    `submissions: ${r.submissions.sent} sent through the API, lost ${r.submissions.lost.length}, duplicated ${r.submissions.duplicates.length}, not delivered at the end ${r.submissions.notDelivered}`,
    `receipts: ${r.receipts.originals} originals, ${r.receipts.duplicates.length} printed twice; ${r.receipts.nonReceiptPages} other pages`,
    `privacy audit: ${r.privacy.findings.length} findings (database before retention: ${r.privacy.beforeRetention}; ${r.privacy.purged} submissions purged by retention, ${r.privacy.pendingAtAudit} awaiting delivery; ${r.phonesTyped} phones typed)`,
    `failures: ${r.failures.length}`,
    ...r.failures.slice(0, 10).map((f) => `  ${f}`),
    ...r.submissions.lost.slice(0, 10).map((f) => `  lost ${f}`),
    ...r.submissions.duplicates.slice(0, 10).map((f) => `  duplicate ${f}`),
    ...r.privacy.findings.slice(0, 20).map((f) => `  personal data in ${f.where}: ${f.secret}`),
  ];
  return rows.join('\n');
}
