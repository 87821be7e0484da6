import type Database from 'better-sqlite3';

// Schema migrations, versioned in code. PRAGMA user_version holds the version
// the file is at; each step runs in its own transaction, so a crash mid-upgrade
// leaves the file at the previous version. Append new steps; never edit one
// that has shipped.

interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'outbox, cases, audit, counters, embedded platform',
    up: (db) =>
      db.exec(`
        -- Small key/value facts of this store (applicant-reference key, creation time).
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

        -- Last case sequence used per China-time day (the sequence part of case numbers).
        CREATE TABLE case_sequence (day TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;

        -- The outbox: every accepted submission, in acceptance order (id). A row
        -- is never deleted; after delivery and the retention period its payload
        -- (the personal part) is set to NULL.
        CREATE TABLE submissions (
          id              INTEGER PRIMARY KEY,
          case_no         TEXT NOT NULL UNIQUE,
          idempotency_key TEXT NOT NULL UNIQUE,
          request_hash    TEXT NOT NULL,
          kind            TEXT NOT NULL CHECK (kind IN ('application','evaluation','complaint','callStaff')),
          item_code       TEXT,
          accepted_at     INTEGER NOT NULL,
          promised_date   TEXT,
          provisional     INTEGER NOT NULL DEFAULT 0,
          applicant_ref   TEXT,
          applicant_masked TEXT,
          payload         TEXT,
          purged_at       INTEGER,
          state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','rejected','needsStaff')),
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_error      TEXT,
          delivered_at    INTEGER,
          platform_ref    TEXT
        );
        CREATE INDEX submissions_lane ON submissions (kind, state, id);
        -- outbox.status runs after every change: pending/parked counts must not scan delivered history
        CREATE INDEX submissions_open ON submissions (state, kind, accepted_at) WHERE state <> 'delivered';
        CREATE INDEX submissions_applicant ON submissions (applicant_ref) WHERE applicant_ref IS NOT NULL;

        CREATE TABLE delivery_attempts (
          id            INTEGER PRIMARY KEY,
          submission_id INTEGER NOT NULL REFERENCES submissions (id),
          at            INTEGER NOT NULL,
          duration_ms   INTEGER NOT NULL,
          outcome       TEXT NOT NULL CHECK (outcome IN ('delivered','retry','giveUp','needsStaff')),
          code          TEXT,
          message       TEXT
        );
        CREATE INDEX delivery_attempts_submission ON delivery_attempts (submission_id);
        CREATE INDEX delivery_attempts_failed ON delivery_attempts (id) WHERE outcome <> 'delivered';

        -- Audit trail: masked data only.
        CREATE TABLE audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT);

        -- Daily counters (China-time day).
        CREATE TABLE counters (day TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (day, name)) WITHOUT ROWID;

        -- Embedded platform mode: the terminal as its own system of record.
        -- Written only through the platform adapter (outbox → deliver → ack).
        CREATE TABLE platform_cases (
          case_no         TEXT PRIMARY KEY,
          idempotency_key TEXT NOT NULL UNIQUE,
          request_hash    TEXT NOT NULL,
          kind            TEXT NOT NULL,
          item_code       TEXT,
          applicant_ref   TEXT,
          received_at     INTEGER NOT NULL,
          payload         TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX platform_cases_applicant ON platform_cases (applicant_ref) WHERE applicant_ref IS NOT NULL;
        CREATE TABLE platform_case_events (
          id      INTEGER PRIMARY KEY,
          case_no TEXT NOT NULL REFERENCES platform_cases (case_no),
          status  TEXT NOT NULL,
          at      INTEGER NOT NULL,
          note    TEXT
        );
        CREATE INDEX platform_case_events_case ON platform_case_events (case_no, id);
      `),
  },
  {
    version: 2,
    name: 'evaluations: one rating per service event',
    up: (db) =>
      db.exec(`
        -- 一事一评: the rating of a service event (its case number, or an EV- key
        -- minted for an event without one). The primary key refuses a second
        -- rating of the same event from any channel. The rating itself travels
        -- in the outbox row (submission_id); follow_up_due is set for a 差评.
        CREATE TABLE evaluations (
          event_key     TEXT PRIMARY KEY,
          submission_id INTEGER NOT NULL UNIQUE REFERENCES submissions (id),
          channel       TEXT NOT NULL CHECK (channel IN ('screen','device','qr')),
          level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
          rated_at      INTEGER NOT NULL,
          follow_up_due TEXT
        ) WITHOUT ROWID;
        CREATE INDEX evaluations_follow_up ON evaluations (follow_up_due) WHERE follow_up_due IS NOT NULL;
      `),
  },
  {
    version: 3,
    name: 'case steps by staff (department, staff number), text-message notices',
    up: (db) =>
      db.exec(`
        -- Who took a step of a case worked at the terminal, and for which department.
        ALTER TABLE platform_case_events ADD COLUMN department TEXT;
        ALTER TABLE platform_case_events ADD COLUMN staff_no TEXT;
        -- Text-message notices to applicants, queued with the step and sent by the SMS gateway adapter.
        CREATE TABLE sms_notices (
          id        INTEGER PRIMARY KEY,
          case_no   TEXT NOT NULL,
          phone     TEXT,
          text      TEXT NOT NULL,
          queued_at INTEGER NOT NULL,
          sent_at   INTEGER,
          outcome   TEXT
        );
        CREATE INDEX sms_notices_unsent ON sms_notices (id) WHERE sent_at IS NULL;
      `),
  },
  {
    version: 4,
    name: 'paper roll: paper fed since the last new roll',
    up: (db) =>
      db.exec(`
        -- One row: the paper the printer fed (mm, from each printed layout's height) since a
        -- technician said a new roll went in (changed_at NULL: never said since the store began).
        CREATE TABLE paper_roll (
          id         INTEGER PRIMARY KEY CHECK (id = 1),
          changed_at INTEGER,
          used_mm    REAL NOT NULL DEFAULT 0
        );
        INSERT INTO paper_roll (id, changed_at, used_mm) VALUES (1, NULL, 0);
      `),
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export class NewerSchemaError extends Error {}

/** Bring the file to SCHEMA_VERSION. Refuses a file written by a newer daemon rather than misreading it. */
export function migrate(db: Database.Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) {
    throw new NewerSchemaError(`the database is at schema version ${from}, newer than this daemon understands (${SCHEMA_VERSION}); was the software downgraded?`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: SCHEMA_VERSION };
}
