import type { CapabilityContext } from '../../capability';

export type CatalogFetchReport =
  | { wanted: string; status: 'waiting'; reason: string }
  | { wanted: string; status: 'applied'; version: string }
  | { wanted: string; status: 'notModified' | 'failed'; problems: string[] };

/**
 * The catalog version the platform wants: fetched through the platform
 * adapter and swapped in only while no resident session is active (a
 * resident never sees the services change under their finger). A fetch that
 * fails or does not validate keeps the last good catalog.
 */
export class CatalogAtIdle {
  private wanted: string | undefined;
  private running = false;

  constructor(
    private readonly ctx: CapabilityContext,
    private readonly residentActive: () => boolean,
    private readonly report: (r: CatalogFetchReport) => void,
  ) {}

  want(version: unknown): void {
    if (typeof version !== 'string' || !version) return;
    if (version === this.ctx.services.catalog.diagnostics().version) return;
    this.wanted = version;
    void this.tryNow();
  }

  /** Called again at each telemetry tick and session end until it is done. */
  async tryNow(): Promise<void> {
    const wanted = this.wanted;
    if (!wanted || this.running) return;
    if (this.residentActive()) return this.report({ wanted, status: 'waiting', reason: 'a resident session is active' });
    const open = this.ctx.services.store.current();
    if (!open) return this.report({ wanted, status: 'waiting', reason: 'the store (and its platform adapter) is not open' });
    this.running = true;
    try {
      const { catalog } = this.ctx.services;
      const got = await open.platform.catalog(catalog.diagnostics().version ?? undefined);
      this.wanted = undefined;
      if (got === 'notModified') return this.report({ wanted, status: 'notModified', problems: [`the platform has no catalog newer than ${catalog.diagnostics().version}`] });
      const r = await catalog.replace(got, 'fleet');
      if (r.ok) this.report({ wanted, status: 'applied', version: r.version });
      else this.report({ wanted, status: 'failed', problems: r.problems.slice(0, 10).map((p) => `${p.path}: ${p.reason}`) });
    } catch (err) {
      this.report({ wanted, status: 'failed', problems: [(err as Error).message] });
    } finally {
      this.running = false;
    }
  }
}
