import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { HOLDER_CERTIFICATE_NOTE } from '../../device-daemon/devices/printer/layouts/query-result';
import { ROOT } from '../../tests/helpers/daemon';

// The privacy audit after a soak: no unmasked ID number, name, address or
// phone of the synthetic people and the phones the soak typed, anywhere the
// terminal keeps things (log, database after retention, printed non-receipt
// documents, the browser profile), except inside submissions still awaiting
// delivery (they must reach the platform whole) and on a certificate printed
// for its holder, which carries that holder's full name and ID number as the
// issuing office's own certificate does (those two of that one person only:
// their address, phone or anyone else's data there is still a finding).

export interface Secrets {
  /** Names, ID numbers and addresses of the synthetic cards. */
  fixed: string[];
  /** Every phone number typed during the soak. */
  phones: ReadonlySet<string>;
}

export interface Finding {
  where: string;
  secret: string;
}

const PEOPLE = JSON.parse(readFileSync(join(ROOT, 'assets/demo/synthetic-people.json'), 'utf8')).people as Array<{ name: string; idNumber: string; address: string }>;

export function secretsOf(phones: ReadonlySet<string>): Secrets {
  return { fixed: PEOPLE.flatMap((p) => [p.name, p.idNumber, p.address]), phones };
}

const MOBILE = /1[3-9]\d{9}/g;

/** What of the secrets a buffer holds: UTF-8 (log, SQLite text) and UTF-16LE (Chromium's storage) spellings. */
export function secretsIn(buf: Buffer, secrets: Secrets, allowed: ReadonlySet<string> = new Set()): string[] {
  const found = new Set<string>();
  for (const s of secrets.fixed) {
    if (allowed.has(s)) continue;
    if (buf.includes(Buffer.from(s, 'utf8')) || buf.includes(Buffer.from(s, 'utf16le'))) found.add(s);
  }
  // Phones: digits are ASCII in both encodings once the UTF-16 zero bytes are dropped.
  for (const text of [buf.toString('latin1'), buf.toString('latin1').replaceAll('\0', '')]) {
    for (const m of text.matchAll(MOBILE)) if (secrets.phones.has(m[0]) && !allowed.has(m[0])) found.add(m[0]);
  }
  return [...found];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Every file under `dir` (a log dir, a browser profile), read raw. */
export function auditFiles(dir: string, secrets: Secrets, label: string, only: (file: string) => boolean = () => true): Finding[] {
  return filesUnder(dir)
    .filter(only)
    .flatMap((f) => secretsIn(readFileSync(f), secrets).map((secret) => ({ where: `${label}:${relative(dir, f)}`, secret })));
}

/**
 * The database files (db, WAL), raw bytes: what SQLite freed must have been
 * overwritten (secure_delete). Secrets inside the payload of a submission
 * not yet delivered are allowed; `pending` says how many there were.
 */
export function auditDatabase(dataDir: string, secrets: Secrets): { findings: Finding[]; pending: number } {
  const dbFile = join(dataDir, 'kiosk.db');
  const db = new Database(dbFile, { readonly: true });
  const awaiting = db.prepare("SELECT payload FROM submissions WHERE state <> 'delivered' AND payload IS NOT NULL").all() as Array<{ payload: string }>;
  db.close();
  const allowed = new Set(awaiting.flatMap((r) => secretsIn(Buffer.from(r.payload), secrets)));
  const findings = filesUnder(dataDir)
    .filter((f) => /kiosk\.db(-wal)?$/.test(f))
    .flatMap((f) => secretsIn(readFileSync(f), secrets, allowed).map((secret) => ({ where: `db:${relative(dataDir, f)}`, secret })));
  return { findings, pending: awaiting.length };
}

/** The start of the note a holder's certificate prints (short enough never to be wrapped). */
const CERTIFICATE_NOTE = HOLDER_CERTIFICATE_NOTE.slice(0, 10);

/** The value of the printed field line `label`, e.g. "姓名      林晓禾" → 林晓禾. */
const fieldValue = (lines: string[], label: string): string | undefined =>
  lines
    .find((l) => l.trimStart().startsWith(label))
    ?.trim()
    .slice(label.length)
    .replace(/^[\s:：]+/u, '');

/** On a holder's certificate: its holder's name and ID number, when both name the same synthetic person. */
function holderOf(page: { lines: string[] }): Set<string> {
  if (!page.lines.some((l) => l.includes(CERTIFICATE_NOTE))) return new Set();
  const name = fieldValue(page.lines, '姓名');
  const idNumber = fieldValue(page.lines, '证件号码');
  const holder = PEOPLE.find((p) => p.name === name && p.idNumber === idNumber);
  return new Set(holder ? [holder.name, holder.idNumber] : []);
}

/** Printed pages (the emulator's text lines and QR payloads). */
export function auditPrinted(pages: Array<{ lines: string[]; qr: string[] }>, secrets: Secrets, label: string): Finding[] {
  return pages.flatMap((p, i) => secretsIn(Buffer.from([...p.lines, ...p.qr].join('\n')), secrets, holderOf(p)).map((secret) => ({ where: `${label}#${i}`, secret })));
}
