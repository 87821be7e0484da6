import type { Logger } from 'pino';
import { createActor, fromCallback, fromPromise, type Actor, type EventObject } from 'xstate';
import { idCardReaderMachine, type IdCardReaderEvent, type ReadFailure } from '../../../state-machines/devices/id-card-reader';
import { maskIdNumber } from '../../../contract/domain/mask';
import { LifecycleDevice, type LifecycleOptions } from '../lifecycle-device';
import type { CardRead } from './codec/card-record';
import { CardDecodeError, decodeCardText } from './codec/card-text';
import type { SamCommandName } from './codec/sam-commands';
import { SamFrameError } from './codec/sam-frame';
import { describeSw3, samStatus } from './codec/sam-status';
import { decodeAppendedAddress, formatSamId, parseReadBase } from './codec/read-base';
import { decodePhoto, loadPhotoDecoder, type PhotoDecoder } from './photo-decoder';
import { SamClient, SamLinkError, SamTimeoutError, type SamReply } from './sam-client';
import type { ByteTransport } from '../transport/byte-transport';
import { sessionCardOf, type SessionCard, type SessionCardHolder } from './session-card';

export type ReadErrorCode = ReadFailure | 'busy' | 'noDevice' | 'offline';

/** Why a card.read ended without a card; the code goes to the UI as is. */
export class ReadError extends Error {
  override name = 'ReadError';
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type CardEvent = { type: 'present' } | { type: 'removed'; duringRead: boolean };

export interface IdCardReaderOptions {
  /** Serial (UART, USB-serial) or HID through a vendor wrapper: either way the SAM byte stream. */
  transport: ByteTransport;
  driver: string;
  log: Logger;
  pollIntervalMs: number;
  removalPollMs: number;
  /** Gap between presence checks while no read runs (default IDLE_POLL_MS). */
  idlePollMs?: number;
  /** Module path of a licensed WLT decoder (photo-decoder.ts), relative to baseDir. */
  photoDecoder?: string;
  baseDir: string;
  lifecycle?: LifecycleOptions;
}

const FAILURE_TEXT: Record<ReadFailure, string> = {
  noCard: 'no card was placed on the reader in time',
  cardRemoved: 'the card left the reader before it was read',
  cardUnreadable: 'the card could not be read or failed its checks',
  samError: 'the reader security module reported a fault',
  transportLost: 'the reader was disconnected',
  timeout: 'the reader did not complete the read in time',
  cancelled: 'the read was cancelled',
  hardwareError: 'the reader link is corrupting data or refused the command',
};

/**
 * Presence checks while idle: slow, since they only keep the media state current (a card left in the reader
 * across a restart, the take-your-card reminder) and never hold up a read; one vendor polls every second (reference §8).
 */
const IDLE_POLL_MS = 1000;

/** How a reader command tells the machine it failed: the code the card.read will end with. */
const failure = (code: ReadFailure) => new ReadError(code, FAILURE_TEXT[code]);

/**
 * The second-generation ID-card reader: the shared lifecycle (open, lose,
 * reconnect with backoff) plus the reader actor (state-machines/devices/
 * id-card-reader.ts), whose SAM commands this class provides as actors over
 * the SAM client and whose announcements it turns into card events and
 * card.read answers. Every command has a deadline, so nothing here can hang; every
 * outcome ends a read with one code. The record of a successful read is
 * held for the session and zeroed on wipeSession().
 */
export class IdCardReaderDevice extends LifecycleDevice implements SessionCardHolder {
  readonly client: SamClient;
  private readonly reader: Actor<typeof idCardReaderMachine>;
  private readonly transport: ByteTransport;
  private readonly log: Logger;
  private pending: { resolve(r: CardRead): void; reject(e: ReadError): void } | undefined;
  private held: CardRead | undefined;
  private staged: CardRead | undefined;
  private readonly cardListeners = new Set<(e: CardEvent) => void>();
  private decoder: PhotoDecoder | undefined;
  private decoderTried = false;
  private readonly onStop: Array<() => void> = [];
  /** Whether the reader has been online since this daemon started (a failed first open is then no fault of its own). */
  private everOnline = false;

  constructor(private readonly opts: IdCardReaderOptions) {
    super('idCardReader', opts.driver, { media: 'unknown', link: opts.transport.describe }, opts.lifecycle);
    this.onStatus((s) => {
      if (s.state === 'online') this.everOnline = true;
    });
    this.transport = opts.transport;
    this.log = opts.log;
    this.client = new SamClient(opts.transport, opts.log);
    opts.transport.onLost((reason) => {
      this.client.failPending(reason);
      this.toReader({ type: 'TRANSPORT_LOST' });
      this.setDetail({ media: 'unknown' });
      this.lost(reason);
    });
    this.reader = createActor(
      idCardReaderMachine.provide({
        actors: {
          findCard: this.command('find card', () => this.find()),
          selectCard: this.command('select card', () => this.select()),
          readCard: this.command('read card', (signal) => this.readAndStage(signal)),
          watchRemoval: fromCallback<EventObject, void>(({ sendBack }) => this.watchRemoval(sendBack)),
          watchPresence: fromCallback<EventObject, void>(() => this.watchPresence()),
        },
        delays: { pollInterval: opts.pollIntervalMs },
        guards: { backToBack: () => opts.pollIntervalMs === 0 },
      }),
    );
    this.reader.on('busy', () => this.busy());
    this.reader.on('idle', () => this.idle());
    this.reader.on('cardPresent', () => {
      this.setDetail({ media: 'present' });
      this.emitCard({ type: 'present' });
    });
    this.reader.on('cardRemoved', () => {
      this.setDetail({ media: 'notPresent' });
      this.emitCard({ type: 'removed', duringRead: false });
    });
    this.reader.on('readDone', () => this.resolveRead());
    this.reader.on('readFromHeld', () => this.settle((p) => (this.held ? p.resolve(this.held) : p.reject(new ReadError('noCard', 'no record is held')))));
    this.reader.on('readFailed', ({ code }) => this.rejectRead(code));
    this.reader.start();
  }

  /** The reader appeared again (udev add, simulator replug): try to open now instead of at the next backoff. */
  attached(): void {
    this.retryNow();
  }

  /** Stop hooks (the simulator's timers), run after the device is closed. */
  addStopHook(fn: () => void): void {
    this.onStop.push(fn);
  }

  // ---- public surface for the API ----

  /**
   * Wait for a card and read it (or return the record already held for this session).
   * The daemon listens before its devices are up, so a page's first read may come while
   * the reader is still starting: it waits for the first open to settle, within its deadline.
   * A first open that failed (a 300 ms SAM answer missed while the daemon's own start kept
   * the event loop busy) is tried again at once rather than after the backoff: a reader that
   * was never online has no fault the resident could have caused, and a second try costs one SAM status.
   */
  async read(timeoutMs: number): Promise<CardRead> {
    const asked = Date.now();
    const left = () => Math.max(0, timeoutMs - (Date.now() - asked));
    if (this.state === 'starting') await this.waitForState((s) => s !== 'starting', timeoutMs);
    if (this.state === 'hardwareError' && !this.everOnline) {
      this.retryNow();
      await this.waitForState((s) => s !== 'starting' && s !== 'hardwareError', Math.min(left(), 2000));
    }
    return this.readNow(left());
  }

  private readNow(timeoutMs: number): Promise<CardRead> {
    if (this.pending) return Promise.reject(new ReadError('busy', 'a card read is already in progress'));
    const state = this.state;
    if (state === 'busy') return Promise.reject(new ReadError('busy', 'the reader is busy'));
    if (state !== 'online') {
      const code: ReadErrorCode = state === 'noDevice' ? 'noDevice' : state === 'hardwareError' ? 'hardwareError' : 'offline';
      return Promise.reject(new ReadError(code, `the ID-card reader is ${state}${this.status().reason ? `: ${this.status().reason}` : ''}`));
    }
    return new Promise<CardRead>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.toReader({ type: 'READ', timeoutMs });
    });
  }

  /** Stop waiting for a card (the resident left the identify screen). */
  cancelRead(): boolean {
    const had = !!this.pending;
    this.toReader({ type: 'CANCEL' });
    return had;
  }

  /** The full record of this session's read, for the store/apply flow; undefined when none is held. */
  sessionRecord(): CardRead | undefined {
    return this.held;
  }

  /** What the capabilities may use of this session's card (identity, postal address, age); undefined when none is held. */
  sessionCard(): SessionCard | undefined {
    return this.held && sessionCardOf(this.held);
  }

  onCard(fn: (e: CardEvent) => void): () => void {
    this.cardListeners.add(fn);
    return () => this.cardListeners.delete(fn);
  }

  wipeSession(): string[] {
    const had = !!(this.held || this.staged);
    if (this.held) zero(this.held);
    this.held = undefined;
    this.dropStaged();
    this.toReader({ type: 'WIPE' });
    return had ? ['idCardReader.cardRecord'] : [];
  }

  private dropStaged(): void {
    if (this.staged) zero(this.staged);
    this.staged = undefined;
  }

  /** Reader-machine state, for tests and /health. */
  get readerState(): string {
    return JSON.stringify(this.reader.getSnapshot().value);
  }

  override async stop(): Promise<void> {
    this.wipeSession(); // also ends a pending read (cancelled)
    this.reader.stop();
    await super.stop();
    for (const fn of this.onStop) fn();
  }

  private toReader(ev: IdCardReaderEvent): void {
    if (this.reader.getSnapshot().status === 'active') this.reader.send(ev);
  }

  // ---- lifecycle ----

  protected async open(): Promise<void> {
    // The lifecycle also calls open() to recover from a fault: start from a closed link.
    await this.transport.close().catch(() => {});
    await this.transport.open();
    const status = await this.client.exec('samStatus');
    if (status.sw3 !== 0x90) throw new Error(`SAM status check failed: ${describeSw3(status.sw3)}`);
    const id = await this.client.exec('samId');
    const samId = id.sw3 === 0x90 && id.data.length === 16 ? formatSamId(id.data) : null;
    this.setDetail({ samId, link: this.transport.describe, media: 'unknown' });
    await this.loadDecoder();
  }

  protected async close(): Promise<void> {
    this.client.failPending('reader closed');
    await this.transport.close();
  }

  private async loadDecoder(): Promise<void> {
    if (this.decoderTried || !this.opts.photoDecoder) return;
    this.decoderTried = true;
    try {
      this.decoder = await loadPhotoDecoder(this.opts.photoDecoder, this.opts.baseDir);
      this.setDetail({ photoDecoder: 'loaded' });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'id-card reader: photo decoder not loaded; photos stay undecoded');
      this.setDetail({ photoDecoder: 'failed' });
    }
  }

  // ---- the reader's SAM commands (actors the machine invokes) ----

  /** A command as the machine invokes it: it resolves with its answer or rejects with a ReadError, never anything else. */
  private command<T>(during: string, run: (signal: AbortSignal) => Promise<T>) {
    return fromPromise<T, void>(async ({ signal }) => {
      try {
        return await run(signal);
      } catch (err) {
        if (err instanceof ReadError) throw err;
        this.log.error({ err: (err as Error).message, during }, 'id-card reader command failed unexpectedly');
        throw failure('hardwareError');
      }
    });
  }

  /** One retry when a reply arrives corrupted (noise on the line); other outcomes are final. */
  private async exec(name: SamCommandName): Promise<SamReply> {
    try {
      return await this.client.exec(name);
    } catch (err) {
      if (err instanceof SamFrameError) return this.client.exec(name);
      throw err;
    }
  }

  private linkFailure(err: unknown, during: string): ReadError {
    if (err instanceof SamLinkError) return failure('transportLost');
    if (err instanceof SamTimeoutError) {
      this.fault(`the reader does not answer (${during})`);
      return failure('timeout');
    }
    if (err instanceof SamFrameError) return failure('hardwareError');
    throw err;
  }

  private samFault(sw3: number): ReadError {
    this.fault(`security module fault: ${describeSw3(sw3)}`);
    return failure('samError');
  }

  private async find(): Promise<{ found: boolean }> {
    let r: SamReply;
    try {
      r = await this.exec('findCard');
    } catch (err) {
      throw this.linkFailure(err, 'find card');
    }
    if (r.sw3 === 0x9f) return { found: true };
    const st = samStatus(r.sw3);
    if (st.class === 'noCard') return { found: false };
    throw st.samFault ? this.samFault(r.sw3) : failure('hardwareError');
  }

  private async select(): Promise<{ selected: boolean }> {
    let r: SamReply;
    try {
      r = await this.exec('selectCard');
    } catch (err) {
      throw this.linkFailure(err, 'select card');
    }
    if (r.sw3 === 0x90) return { selected: true };
    const st = samStatus(r.sw3);
    if (st.class === 'noCard') return { selected: false };
    if (st.samFault) throw this.samFault(r.sw3);
    throw failure(st.class === 'cardUnreadable' || st.class === 'readFailed' ? 'cardUnreadable' : 'hardwareError');
  }

  /** Read the card and stage the record for the card.read; one nobody waits for any more (cancelled meanwhile) is zeroed at once. */
  private async readAndStage(signal: AbortSignal): Promise<void> {
    const read = await this.readCard();
    if (signal.aborted) {
      zero(read);
      return;
    }
    this.dropStaged();
    this.staged = read;
    this.log.info({ kind: read.record.kind, maskedIdNumber: maskIdNumber(read.record.idNumber) }, 'id-card read');
  }

  private async readCard(): Promise<CardRead> {
    let reply: SamReply;
    try {
      reply = await this.exec('readBase');
    } catch (err) {
      if (err instanceof SamTimeoutError) throw await this.afterSilentRead();
      throw this.linkFailure(err, 'read card');
    }
    if (reply.sw3 !== 0x90) throw await this.readRefused(reply.sw3);
    const read = this.decodeRead(reply.data);
    // 追加住址: a card without one answers 0x91; any other answer leaves the record as read.
    try {
      const a = await this.exec('readAppendedAddress');
      if (a.sw3 === 0x90) read.record.appendedAddress = decodeAppendedAddress(a.data);
    } catch (err) {
      if (err instanceof SamLinkError) throw failure('transportLost');
    }
    if (this.decoder) {
      const bmp = await decodePhoto(this.decoder, read.photo.wlt);
      read.photo = bmp ? { ...read.photo, status: 'decoded', bmp } : { ...read.photo, status: 'decodeFailed' };
    }
    return read;
  }

  /** Why the module refused the read (30 01 answered other than 90). */
  private async readRefused(sw3: number): Promise<ReadError> {
    const st = samStatus(sw3);
    if (st.samFault) return this.samFault(sw3);
    // 0x41 is both "unreadable" and "pulled mid-read": a find tells them apart (a card still there answers 9F).
    if (st.class === 'readFailed') return this.probeAfterFailedRead();
    if (st.class === 'noCard') return failure('cardRemoved');
    if (st.class === 'cardUnreadable') return failure('cardUnreadable');
    return failure('hardwareError');
  }

  /** The text and photo of a read, checked: a record that does not decode or fails its check digit is not trusted. */
  private decodeRead(data: Buffer): CardRead {
    try {
      const { text, photo } = parseReadBase(data);
      const record = decodeCardText(text);
      if (record.checkDigitOk === false) {
        this.log.warn({ kind: record.kind, maskedIdNumber: maskIdNumber(record.idNumber) }, 'id-card reader: number fails the GB 11643 check digit; card not trusted');
        throw failure('cardUnreadable');
      }
      return { record, photo: { wlt: photo, status: 'notDecoded' }, readAt: new Date().toISOString() };
    } catch (err) {
      if (err instanceof CardDecodeError || err instanceof SamFrameError) {
        this.log.warn({ err: err.message }, 'id-card reader: card text does not decode; card not trusted');
        throw failure('cardUnreadable');
      }
      throw err;
    }
  }

  private async probeAfterFailedRead(): Promise<ReadError> {
    try {
      const f = await this.client.exec('findCard');
      return failure(f.sw3 === 0x9f ? 'cardUnreadable' : 'cardRemoved');
    } catch (err) {
      return this.linkFailure(err, 'find card after a failed read');
    }
  }

  /** No (complete) reply to a read: if the module still answers a status check, the card went away mid-read. */
  private async afterSilentRead(): Promise<ReadError> {
    try {
      const s = await this.client.exec('samStatus');
      if (s.sw3 === 0x90) return failure('cardRemoved');
      return this.samFault(s.sw3);
    } catch (err) {
      return this.linkFailure(err, 'status after a silent read');
    }
  }

  /**
   * The removal watch, a stream while a read card lies in the field: a presence check every removalPollMs
   * (never two at once) until the card is gone or the reader fails, which it tells the machine.
   */
  private watchRemoval(sendBack: (e: IdCardReaderEvent) => void): () => void {
    let timer: NodeJS.Timeout | undefined;
    let watching = true;
    const next = () => {
      timer = setTimeout(async () => {
        const outcome = await this.presenceCheck();
        if (!watching) return;
        if (outcome) sendBack(outcome);
        else next();
      }, this.opts.removalPollMs);
    };
    next();
    return () => {
      watching = false;
      clearTimeout(timer);
    };
  }

  /**
   * The idle watch (invoked by the reader machine's idle state, stopped when a read starts): whether a card
   * lies in the field, checked at once, again whenever the reader comes (back) online, and every idlePollMs,
   * reported as the media state. Never two checks at once; a check that finds no answer leaves the state as it was:
   * faults are for a read to meet, since the idle watch must not take a reader out of service on its own.
   */
  private watchPresence(): () => void {
    let timer: NodeJS.Timeout | undefined;
    let watching = true;
    let checking = false;
    const check = async () => {
      clearTimeout(timer);
      if (checking || !watching) return;
      checking = true;
      const media = this.state === 'online' ? await this.lyingCheck(() => watching) : undefined;
      checking = false;
      if (!watching) return;
      if (media !== undefined) this.setDetail({ media });
      timer = setTimeout(check, this.opts.idlePollMs ?? IDLE_POLL_MS);
    };
    let wasOnline = this.state === 'online';
    const off = this.onStatus((s) => {
      const online = s.state === 'online';
      if (online && !wasOnline && s.detail.media === 'unknown') void check();
      wasOnline = online || s.state === 'busy';
    });
    void check();
    return () => {
      watching = false;
      clearTimeout(timer);
      off();
    };
  }

  /**
   * Whether a card lies in the field, without reading it: a find sees a card not yet read (9F); a card the module
   * already read answers 80 to a find until it is lifted (reference §8), and the appended-address read still
   * answers for it (90 / 91, as in the removal watch). undefined: no answer, or the watch ended meanwhile.
   * A card not yet read is `placed`, not `present`: a resident who lays their card down before touching the
   * screen is about to use it, and must not be told to take it away; a card the module has read and that still
   * lies there (after a session, or across a daemon restart) is `present`, the one the reminder is for.
   */
  private async lyingCheck(watching: () => boolean): Promise<'placed' | 'present' | 'notPresent' | undefined> {
    try {
      const f = await this.client.exec('findCard');
      if (f.sw3 === 0x9f) return 'placed';
      if (samStatus(f.sw3).class !== 'noCard' || !watching()) return undefined;
      const a = await this.client.exec('readAppendedAddress');
      if (a.sw3 === 0x90 || a.sw3 === 0x91) return 'present';
      return samStatus(a.sw3).samFault ? undefined : 'notPresent';
    } catch {
      return undefined;
    }
  }

  /** undefined while the card is still in the field; otherwise what ended the watch. */
  private async presenceCheck(): Promise<IdCardReaderEvent | undefined> {
    try {
      const r = await this.exec('readAppendedAddress');
      if (r.sw3 === 0x90 || r.sw3 === 0x91) return undefined;
      if (samStatus(r.sw3).samFault) {
        this.samFault(r.sw3);
        return { type: 'SAM_ERROR' };
      }
      return { type: 'GONE' };
    } catch (err) {
      if (err instanceof SamLinkError) return { type: 'TRANSPORT_LOST' };
      if (err instanceof SamTimeoutError) this.fault('the reader does not answer (presence check)');
      return { type: 'SAM_ERROR' };
    }
  }

  // ---- completing card.read ----

  private settle(fn: (p: { resolve(r: CardRead): void; reject(e: ReadError): void }) => void): void {
    const p = this.pending;
    this.pending = undefined;
    if (p) fn(p);
  }

  private resolveRead(): void {
    const next = this.staged;
    this.staged = undefined;
    if (this.held && this.held !== next) zero(this.held);
    this.held = next;
    this.settle((p) => (next ? p.resolve(next) : p.reject(new ReadError('cardUnreadable', 'no record was staged'))));
  }

  private rejectRead(code: ReadFailure): void {
    if (code === 'cardRemoved') {
      this.setDetail({ media: 'notPresent' });
      this.emitCard({ type: 'removed', duringRead: true });
    } else if (code === 'noCard') {
      this.setDetail({ media: 'notPresent' });
    }
    this.settle((p) => p.reject(new ReadError(code, FAILURE_TEXT[code])));
  }

  private emitCard(e: CardEvent): void {
    for (const fn of this.cardListeners) fn(e);
  }
}

/** Overwrite the photo bytes; the strings go with the object (JS cannot zero them). */
function zero(r: CardRead): void {
  r.photo.wlt.fill(0);
  r.photo.bmp?.fill(0);
}
