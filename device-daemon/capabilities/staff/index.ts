import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { StaffAuth, staffStateDir } from '../../auth/staff-auth';
import { TlsOnlyListener } from '../../api/tls-only-listener';
import type { Capability, CapabilityContext } from '../../capability';
import { LogOnlySmsGateway } from '../../platform/sms/sms-gateway';
import { SmsNotices } from '../../platform/sms/sms-notices';
import { ROOT_DIR } from '../../version';
import { StaffDesk } from './staff-desk';
import { StaffHttp, type Listener } from './staff-http';
import { StaffSessions } from './staff-sessions';
import { StaffStream } from './staff-stream';
import { readStaffCard, registerTerminalStaff } from './terminal-staff';

export interface StaffCapability extends Capability {
  /** The API server hands /staff requests of the loopback listener here; false: not a staff path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, origins: ReadonlySet<string>): Promise<boolean>;
}

/**
 * The staff view (/staff): staff sign-in, the lists of today and what needs
 * someone, call-staff requests live, cases worked at the terminal (embedded
 * platform) with their text-message notices. On the terminal itself it is
 * served by the API server (loopback, HTTP); on the site LAN, when the config
 * enables it, by its own HTTPS-only listener with the centre's certificate.
 */
export function createStaffCapability(ctx: CapabilityContext): StaffCapability {
  const { config, log: rootLog, bus, services } = ctx;
  const log = rootLog.child({ capability: 'staff' });
  const now = () => services.clock.now();
  const staff = config.staff;
  const stream = new StaffStream();
  let notices: SmsNotices | undefined;
  const desk = new StaffDesk({ emit: ctx.emit, bus, services }, () => notices);
  const sessions = new StaffSessions(() => staff.sessionMinutes * 60_000, now);
  const auth = new StaffAuth({ staff: () => staff, stateDir: staffStateDir(config.storage.path), now, log });
  const http = new StaffHttp({ auth, sessions, desk, stream, readCard: (timeoutMs) => readStaffCard(ctx, timeoutMs), uiDir: join(ROOT_DIR, 'kiosk-ui', 'dist'), log, now });
  const lanOrigins = new Set(staff.lan.origins);
  let lan: TlsOnlyListener | undefined;
  let lanPort: number | null = null;
  let off: (() => void) | undefined;

  return {
    name: 'staff',
    async start() {
      registerTerminalStaff(ctx, auth);
      services.store.onOpen((o) => {
        notices = new SmsNotices(o.store.db, new LogOnlySmsGateway(log), now);
        void notices.flush(); // what a crash left queued
      });
      const offStored = bus.on('submissionStored', (kind) => stream.send(kind === 'callStaff' ? 'call' : 'changed', { kind }));
      // A resident who no longer needs staff: the pages fetch the list again and show the call cancelled.
      const offCancel = bus.on('audit', (e) => e.action === 'callStaff.cancel' && stream.send('changed', { kind: 'callStaff' }));
      off = () => {
        offStored();
        offCancel();
      };
      ctx.addHealth('staff', () => ({ accounts: staff.accounts.length, lan: staff.lan.enabled ? { port: lanPort } : false }));
      if (!staff.lan.enabled) return;
      const listener: Listener = { secure: true, origins: lanOrigins };
      lan = new TlsOnlyListener({
        certPath: staff.lan.certPath!,
        keyPath: staff.lan.keyPath!,
        onPlain: () => log.warn({ event: 'staff.lan.plainRefused' }, 'plain HTTP refused on the LAN staff listener'),
        onRequest: (req, res) => {
          const url = new URL(req.url ?? '/', 'https://x');
          void http.handle(req, res, url, listener).then((done) => {
            if (!done) {
              res.writeHead(404, { 'Content-Type': 'text/plain' });
              res.end('only the staff view is served on the LAN\n');
            }
          });
        },
      });
      lanPort = await lan.listen(staff.lan.port, staff.lan.host);
      log.info({ host: staff.lan.host, port: lanPort }, 'staff view listening on the LAN (HTTPS)');
    },
    async stop() {
      off?.();
      stream.close();
      await lan?.close();
    },
    handle: (req, res, url, origins) => http.handle(req, res, url, { secure: false, origins }),
  };
}
