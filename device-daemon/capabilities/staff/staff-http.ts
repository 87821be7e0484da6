import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CallAction, CaseStep, StaffSignIn } from '../../../contract/api/staff';
import type { StaffAuth, StaffAuthOutcome } from '../../auth/staff-auth';
import { ApiFailure } from '../../api/router';
import { json, text } from '../../api/http-replies';
import { readBody } from '../../api/sim-route';
import { serveStatic } from '../../api/static-files';
import { TokenBucket } from '../../api/token-bucket';
import { StoreUnavailable } from '../../store/store-service';
import { DeskRefusal, type StaffDesk } from './staff-desk';
import { may, type StaffAction } from './staff-roles';
import type { StaffSession, StaffSessions } from './staff-sessions';
import type { StaffStream } from './staff-stream';

const COOKIE = 'kiosk-staff';
const MAX_BODY = 8192;
/** Sign-in tries of the whole terminal (both listeners): a burst of 10 (a change of shift), then one every 3 s. */
const SIGN_IN_BURST = 10;
const SIGN_IN_PER_SECOND = 1 / 3;

export interface StaffHttpOptions {
  auth: StaffAuth;
  sessions: StaffSessions;
  desk: StaffDesk;
  stream: StaffStream;
  /** Reads a staff card on the terminal's reader and answers its number (never kept); ApiFailure when it cannot. */
  readCard: (timeoutMs: number) => Promise<string>;
  uiDir: string;
  log: Logger;
  now: () => number;
}

/** Which listener a request came in on: the terminal's own (loopback, HTTP) or the LAN one (HTTPS). */
export interface Listener {
  secure: boolean;
  /** Origins a state change may come from on this listener. */
  origins: ReadonlySet<string>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, s: StaffSession, parts: string[]) => Promise<void> | void;

/**
 * The staff view's HTTP side, /staff and /staff/api/*: the page (a sign-in
 * form until signed in; it carries no data), sign-in with its rate limit,
 * and the API, none of it without a session. Every state change needs the
 * session cookie (HttpOnly, SameSite=Strict), the CSRF token bound to that
 * session in X-CSRF-Token, a JSON body and an Origin this listener serves.
 */
export class StaffHttp {
  private readonly signIns: TokenBucket;

  constructor(private readonly opts: StaffHttpOptions) {
    this.signIns = new TokenBucket(SIGN_IN_PER_SECOND, SIGN_IN_BURST, opts.now);
  }

  /** True when the path is the staff view's (answered here); false leaves it to the caller. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, listener: Listener): Promise<boolean> {
    const path = url.pathname;
    if (listener.secure && path.startsWith('/assets/') && req.method === 'GET') {
      if (!(await serveStatic(this.opts.uiDir, req, res, path))) text(res, 404, 'not found');
      return true;
    }
    if (path !== '/staff' && !path.startsWith('/staff/')) return false;
    try {
      await this.route(req, res, path, listener);
    } catch (err) {
      if (err instanceof DeskRefusal) json(res, err.status, { error: err.message });
      else if (err instanceof StoreUnavailable) json(res, 503, { error: err.message });
      else {
        this.opts.log.error({ err: (err as Error).message, path }, 'staff view request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
      }
    }
    return true;
  }

  private async route(req: IncomingMessage, res: ServerResponse, path: string, listener: Listener): Promise<void> {
    if ((path === '/staff' || path === '/staff/') && req.method === 'GET') return this.page(res);
    if (path === '/staff/api/sign-in') return this.signIn(req, res, listener);
    const session = this.opts.sessions.find(cookieOf(req));
    if (!session) return json(res, 401, { error: 'sign in first' });
    const parts = path.split('/').slice(3);
    if (req.method === 'GET') {
      if (path === '/staff/api/overview') return json(res, 200, { ...(await this.opts.desk.overview(session.member)), csrf: session.csrf });
      if (path === '/staff/api/events') return this.opts.stream.open(res);
      return json(res, 404, { error: 'no such staff route' });
    }
    const refused = this.checkStateChange(req, session, listener);
    if (refused) return json(res, 403, { error: refused });
    const handler = this.postHandler(parts);
    if (!handler) return json(res, 404, { error: 'no such staff route' });
    return handler(req, res, session, parts);
  }

  private postHandler(parts: string[]): Handler | undefined {
    const [group, caseNo, action] = parts;
    const { desk, sessions } = this.opts;
    if (group === 'sign-out' && parts.length === 1) {
      return (_q, res, s) => {
        sessions.close(s.id);
        reply(res, 200, { ok: true }, clearCookie());
      };
    }
    if (!caseNo || parts.length !== 3) return undefined;
    if (group === 'calls' && CallAction.safeParse(action).success) return this.allowed('call', (_q, res, s) => json(res, 200, desk.call(s.member, caseNo, action as CallAction)));
    if (group === 'submissions' && action === 'requeue') {
      return this.allowed('requeue', (_q, res, s) => {
        desk.requeue(s.member, caseNo);
        json(res, 200, { ok: true });
      });
    }
    if (group === 'complaints' && action === 'reveal-phone') return this.allowed('revealPhone', (_q, res, s) => json(res, 200, { phone: desk.revealPhone(s.member, caseNo) }));
    if (group === 'cases' && action === 'step') {
      return async (req, res, s) => {
        const step = CaseStep.safeParse(await bodyJson(req));
        if (!step.success) return json(res, 400, { error: step.error.issues.map((i) => i.message).join('; ') });
        if (!may(s.member.role, step.data.step)) return json(res, 403, { error: `a ${s.member.role} may not ${step.data.step} a case` });
        return json(res, 200, desk.caseStep(s.member, caseNo, step.data));
      };
    }
    return undefined;
  }

  private allowed(action: StaffAction, h: Handler): Handler {
    return (req, res, s, parts) => (may(s.member.role, action) ? h(req, res, s, parts) : json(res, 403, { error: `a ${s.member.role} may not do this (${action})` }));
  }

  /** A state change from this session's page, and only from it. */
  private checkStateChange(req: IncomingMessage, s: StaffSession, listener: Listener): string | null {
    if (req.method !== 'POST') return 'use POST';
    const origin = req.headers.origin;
    if (!origin || !listener.origins.has(origin)) return `origin ${JSON.stringify(origin ?? null)} is not allowed`;
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return 'send Content-Type: application/json';
    if (!this.opts.sessions.csrfMatches(s, header(req, 'x-csrf-token'))) return 'missing or wrong CSRF token';
    return null;
  }

  private async signIn(req: IncomingMessage, res: ServerResponse, listener: Listener): Promise<void> {
    if (req.method !== 'POST') return json(res, 405, { error: 'use POST' });
    const origin = req.headers.origin;
    if (!origin || !listener.origins.has(origin)) return json(res, 403, { error: `origin ${JSON.stringify(origin ?? null)} is not allowed` });
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return json(res, 415, { error: 'send Content-Type: application/json' });
    if (!this.signIns.take()) return reply(res, 429, { error: 'too many sign-in attempts; wait a moment' }, { 'Retry-After': String(Math.ceil(this.signIns.waitMs() / 1000)) });
    const body = StaffSignIn.safeParse(await bodyJson(req));
    if (!body.success) return json(res, 400, { error: 'staff number and PIN, or a staff card, please' });
    const outcome = await this.verify(body.data, listener);
    if (!('ok' in outcome)) return json(res, outcome.status, { error: outcome.error });
    if (!outcome.ok) {
      const lockedUntil = outcome.lockedUntil === null ? null : new Date(outcome.lockedUntil).toISOString();
      return json(res, outcome.code === 'locked' ? 423 : 401, { error: outcome.code, lockedUntil, ...(outcome.code === 'invalid' ? { remaining: outcome.remaining } : {}) });
    }
    const s = this.opts.sessions.open(outcome.member);
    this.opts.desk.audit('staff.signedIn', outcome.member, { via: listener.secure ? 'lan' : 'terminal', method: 'pin' in body.data ? 'pin' : 'card' });
    const secure = listener.secure ? '; Secure' : '';
    return reply(res, 200, { member: outcome.member, csrf: s.csrf }, { 'Set-Cookie': `${COOKIE}=${s.id}; HttpOnly; SameSite=Strict; Path=/staff${secure}` });
  }

  /**
   * A PIN is checked on either listener; a staff card only on the terminal's
   * own (the reader is the terminal's: from the LAN it would sign in whoever's
   * card lies on it). The card sign-in is the screen's (readStaffCard), with
   * the same lockout: a card that matches nobody counts as a wrong try.
   */
  private async verify(body: StaffSignIn, listener: Listener): Promise<StaffAuthOutcome | { status: number; error: string }> {
    if ('pin' in body) return this.opts.auth.verify(body.staffNo, body.pin);
    if (listener.secure) return { status: 403, error: 'a staff card signs in only on the terminal itself: use the staff number and PIN' };
    try {
      return await this.opts.auth.verifyCard(await this.opts.readCard(body.timeoutMs ?? 20_000));
    } catch (err) {
      if (err instanceof ApiFailure) return { status: err.code === 'noDevice' ? 503 : 409, error: err.code };
      throw err;
    }
  }

  private page(res: ServerResponse): void {
    const file = join(this.opts.uiDir, 'staff.html');
    if (!existsSync(file)) return text(res, 503, 'The staff view is not built. Run `npm run build`.');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(readFileSync(file));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

function clearCookie(): Record<string, string> {
  return { 'Set-Cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/staff; Max-Age=0` };
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function bodyJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY);
  if (body === 'tooLarge' || body === 'aborted') return undefined;
  try {
    return body ? (JSON.parse(body) as unknown) : {};
  } catch {
    return undefined;
  }
}
