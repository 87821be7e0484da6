import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SpawnedDaemon, spawnDaemon } from '../../../helpers/daemon';
import { STAFF_PIN, StaffClient, staffConfig } from './staff-http-client';

// Sign-in lockout (kept across a restart), the sign-in rate limit, and the LAN
// listener that speaks HTTPS only (a test certificate made with openssl).
const running: SpawnedDaemon[] = [];
const certDir = mkdtempSync(join(tmpdir(), 'kiosk-staff-cert-'));
afterAll(async () => {
  for (const d of running) await d.stop();
  rmSync(certDir, { recursive: true, force: true });
});
async function start(opts: Parameters<typeof spawnDaemon>[0]) {
  const d = await spawnDaemon(opts);
  running.push(d);
  return d;
}

describe('staff sign-in', () => {
  it('locks a staff number after 5 wrong PINs, still locked after a restart, other numbers unaffected; then the rate limit answers 429', async () => {
    const first = await start({ config: staffConfig() });
    const c = new StaffClient(first.origin, first.origin);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await c.signIn('S001', '999999')).status);
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    expect((await c.signIn('S001', STAFF_PIN)).status).toBe(423);
    expect((await c.signIn('A010', STAFF_PIN)).status).toBe(200); // a per-number ledger: a colleague is not locked out
    await first.stop();

    const again = await start({ dataDir: first.dataDir, configPath: first.configPath });
    const c2 = new StaffClient(again.origin, again.origin);
    const locked = await c2.signIn('S001', STAFF_PIN);
    expect(locked.status).toBe(423);
    expect((await locked.json()).lockedUntil).toMatch(/^\d{4}-/);
    let limited: Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const r = await c2.signIn('S777', '000000');
      if (r.status === 429) limited = r;
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
  }, 90_000);

  it('serves the staff view on the LAN over HTTPS only: plain HTTP on that port is refused', async () => {
    const key = join(certDir, 'key.pem');
    const cert = join(certDir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
      {
        stdio: 'ignore',
      },
    );
    const d = await start({ config: staffConfig({ lan: { enabled: true, host: '127.0.0.1', port: 0, certPath: cert, keyPath: key, origins: ['https://localhost'] } }) });
    const port = ((await (await fetch(`${d.origin}/health`)).json()) as { staff: { lan: { port: number } } }).staff.lan.port;

    const plain = await new Promise<string>((resolve) => {
      let got = '';
      const s = connect(port, '127.0.0.1', () => s.write('GET /staff/api/overview HTTP/1.1\r\nHost: localhost\r\n\r\n'));
      s.on('data', (b) => (got += b.toString()));
      s.on('close', () => resolve(got));
    });
    expect(plain).toMatch(/^HTTP\/1\.1 400/);
    expect(plain).toContain('HTTPS only');

    const caPem = execFileSync('cat', [cert]);
    const https = (path: string, body?: unknown) =>
      new Promise<{ status: number; cookie: string; text: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method: body ? 'POST' : 'GET',
            ca: caPem,
            servername: 'localhost',
            headers: body ? { 'content-type': 'application/json', origin: 'https://localhost' } : {},
          },
          (res) => {
            let text = '';
            res.on('data', (b) => (text += b.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, cookie: String(res.headers['set-cookie'] ?? ''), text }));
          },
        );
        req.on('error', reject);
        req.end(body ? JSON.stringify(body) : undefined);
      });
    expect((await https('/staff/api/overview')).status).toBe(401);
    const signedIn = await https('/staff/api/sign-in', { staffNo: 'S001', pin: STAFF_PIN });
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/staff; Secure/);
    // a LAN desk cannot sign in by whatever card lies on the terminal's reader
    const byCard = await https('/staff/api/sign-in', { method: 'card' });
    expect([byCard.status, byCard.cookie]).toEqual([403, '']);
    // the resident API is not on the LAN listener
    expect((await https('/health')).status).toBe(404);
  }, 60_000);
});
