import { StaffDuty } from '../../contract/domain/staff-duty';
import { z } from 'zod';
import { StaffEntry } from '../../contract/api/staff-terminal';

/**
 * kiosk.config.json — everything a technician may change on a terminal.
 * The JSON Schema in kiosk.config.schema.json is generated from this file
 * (`npm run docs`), and so is docs/config-reference.md.
 */

/** 100 MiB of logs: weeks of a busy terminal at about 2 KB per journey, a small part of its disk. */
const DEFAULT_LOG_BYTES = 100 * 1024 * 1024;
/** One log file's smallest share of maxTotalBytes (device-daemon/log-file: a rotation leaves room for one write in flight). */
const LOG_FILE_MIN_BYTES = 32 * 1024;
const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
const Baud = z.literal(BAUD_RATES);
const UsbId = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{4}$/, 'expected a 4-digit hex USB id such as "0x0400" or "0400"')
  .describe('USB vendor or product id, hex');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');

const Simulated = z
  .object({
    driver: z.literal('simulated'),
    /** Start with the simulated device unplugged (to rehearse the noDevice path). */
    startUnplugged: z.boolean().default(false),
  })
  .strict();

/** Serial devices: bound by stable USB identity (preferred) or by path (/dev/serial/by-id/…). */
const SerialConn = z
  .object({
    driver: z.literal('serial'),
    path: z.string().min(1).optional().describe('e.g. /dev/serial/by-id/usb-…; used when no vendorId is given'),
    vendorId: UsbId.optional(),
    productId: UsbId.optional(),
    serialNumber: z.string().optional(),
    baud: Baud.default(115200),
  })
  .strict()
  .refine((c) => c.path !== undefined || (c.vendorId !== undefined && c.productId !== undefined), {
    message: 'a serial device needs either path or vendorId and productId',
  });

const HidConn = z
  .object({
    driver: z.literal('hid'),
    vendorId: UsbId,
    productId: UsbId,
    serialNumber: z.string().optional(),
    path: z.string().optional().describe('hidraw path, overrides vendorId/productId matching'),
    variant: z.string().optional().describe('vendor wrapper variant, for readers that wrap frames in HID reports'),
  })
  .strict();

const UsbConn = z
  .object({
    driver: z.literal('usb'),
    path: z.string().min(1).describe('USB printer class device file, e.g. /dev/usb/lp0'),
  })
  .strict();

const NetworkConn = z
  .object({
    driver: z.literal('network'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
  })
  .strict();

const ScreenConn = z.object({ driver: z.literal('screen') }).strict();

export const PrinterProfile = z
  .object({
    paperWidthDots: z.literal([384, 576]).default(576).describe('58 mm paper = 384 dots, 80 mm = 576 dots'),
    encoding: z.enum(['GB18030', 'GBK']).default('GB18030'),
    nativeQr: z.boolean().default(true).describe('printer supports GS ( k QR; otherwise QR is sent as a raster image'),
    cut: z.enum(['full', 'partial']).default('partial'),
    nearEndSensor: z.boolean().default(true),
    autoStatusBack: z.boolean().default(false).describe('printer supports GS a (Automatic Status Back)'),
    presenter: z.boolean().default(false).describe('printer has a presenter/retractor'),
    rollLengthM: z
      .number()
      .positive()
      .max(1000)
      .default(80)
      .describe('length of a full paper roll in metres (80 mm × 80 m is the common kiosk roll): the paper left is estimated from it and the paper fed since `kioskctl printer new-roll`'),
  })
  .strict();
export type PrinterProfile = z.infer<typeof PrinterProfile>;

/** ID-card reader settings that do not depend on the link (issue 3). */
const IdCardReaderSimulator = z
  .object({
    baud: Baud.default(115200).describe('line rate the simulated reader is paced at'),
    timing: z.enum(['realistic', 'instant']).default('realistic').describe('realistic: module processing times (find ~60 ms, read ~650 ms); instant: wire time only'),
    removalMode: z.enum(['status41', 'silent', 'truncate']).default('status41').describe('what a card pulled mid-read does: SW3 0x41, no reply, or a cut-off reply'),
    card: z.string().optional().describe('synthetic card lying on the reader at start (kioskctl card list shows the ids)'),
  })
  .strict();
const IdCardReaderOptions = z
  .object({
    pollIntervalMs: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .default(0)
      .describe(
        "gap between find-card polls while a read waits for a card (only then); 0: back to back, paced by the module's own find time (50–100 ms on a SAM), so a card is read as soon as it lands",
      ),
    removalPollMs: z.number().int().min(50).max(5000).default(300).describe('gap between presence checks after a read, to report the card leaving'),
    photoDecoder: z.string().min(1).optional().describe('module path of a licensed WLT photo decoder exporting createPhotoDecoder(); without one, photos stay undecoded'),
    simulator: IdCardReaderSimulator.default({ baud: 115200, timing: 'realistic', removalMode: 'status41' }).describe('driver "simulated" only'),
  })
  .strict();
const IdCardReader = z.intersection(z.discriminatedUnion('driver', [Simulated, SerialConn, HidConn, UsbConn]), IdCardReaderOptions);
/** The emulated printer's mechanism speed: a real kiosk printer's (200 mm/s) by default, so a receipt takes as long as on the terminal. */
const SimulatedPrinterConn = Simulated.extend({
  printSpeedMmPerSec: z
    .number()
    .positive()
    .max(100_000)
    .default(200)
    .describe('paper speed of the emulated print mechanism in mm/s (kiosk printers print 150–250 mm/s); faster only to run tests that are not about print time'),
}).strict();

/** Every link carries the printer's profile; each variant stays strict, so a misspelt key is refused, not dropped. */
const profile = { profile: PrinterProfile.default(PrinterProfile.parse({})) };
const Printer = z.discriminatedUnion('driver', [
  SimulatedPrinterConn.extend(profile).strict(),
  SerialConn.extend(profile).strict(),
  UsbConn.extend(profile).strict(),
  NetworkConn.extend(profile).strict(),
]);
/** The serial link of a device that talks at 9600 baud by default (scanners, displays): found by USB identity or path. */
const SerialLink9600 = {
  path: z.string().min(1).optional().describe('e.g. /dev/serial/by-id/usb-…; used when no vendorId is given'),
  vendorId: UsbId.optional(),
  productId: UsbId.optional(),
  serialNumber: z.string().optional(),
  baud: Baud.default(9600),
};
const hasSerialTarget = (c: { path?: string; vendorId?: string; productId?: string }) => c.path !== undefined || (c.vendorId !== undefined && c.productId !== undefined);

/** A Nextion display's pages and components (the HMI project loaded on it must have them), and its text encoding. */
const NextionLayout = {
  evalPage: z
    .string()
    .regex(/^\w{1,32}$/)
    .default('eval')
    .describe('page that invites a rating: the QR, the caption and the five level buttons'),
  idlePage: z
    .string()
    .regex(/^\w{1,32}$/)
    .default('idle')
    .describe('page shown between invitations'),
  qrComponent: z
    .string()
    .regex(/^[A-Za-z_]\w{0,31}$/)
    .default('qr0')
    .describe('QR component on evalPage; gets the evaluation URL'),
  captionComponent: z
    .string()
    .regex(/^[A-Za-z_]\w{0,31}$/)
    .default('t0')
    .describe('text component on evalPage; gets the caption (case number, prompt)'),
  ratingComponents: z
    .array(z.number().int().min(0).max(255))
    .length(5)
    .refine((ids) => new Set(ids).size === 5, { message: 'five different component ids' })
    .default([1, 2, 3, 4, 5])
    .describe('component ids of the five level buttons on evalPage, in the order 非常满意, 满意, 基本满意, 不满意, 非常不满意'),
  encoding: z.enum(['utf-8', 'gb2312']).default('utf-8').describe("text encoding the display is set to (Nextion: the project's encode option; cd5220: gb2312 for Chinese text)"),
};
const EvalDisplay = z
  .discriminatedUnion('driver', [
    z
      .object({
        driver: z.literal('simulated'),
        startUnplugged: z.boolean().default(false),
        protocol: z.enum(['nextion', 'cd5220', 'hid']).default('nextion').describe('which device the simulator is: a Nextion touch display, a CD5220 text display or a HID rating pad'),
        baud: Baud.default(9600).describe('line rate the simulated serial display is paced at'),
        ...NextionLayout,
      })
      .strict(),
    z
      .object({
        driver: z.literal('serial'),
        protocol: z.enum(['nextion', 'cd5220']).describe('nextion: serial touch display with a QR component and level buttons; cd5220: 2×20 text customer display (no QR, no input)'),
        ...SerialLink9600,
        ...NextionLayout,
      })
      .strict()
      .refine(hasSerialTarget, { message: 'a serial display needs either path or vendorId and productId' })
      .refine((c) => c.protocol !== 'cd5220' || c.encoding === 'gb2312', { message: 'a CD5220 display shows Chinese in GB2312: set encoding to "gb2312"', path: ['encoding'] }),
    z
      .object({
        driver: z.literal('hid'),
        vendorId: UsbId,
        productId: UsbId,
        serialNumber: z.string().optional(),
        path: z.string().optional().describe('hidraw path, overrides vendorId/productId matching'),
        debounceMs: z.number().int().min(0).max(2000).default(150).describe('a second press within this time of the last is a bounce, not a rating'),
        leds: z.boolean().default(false).describe('the pad has LEDs lit by an output report while it invites a rating'),
      })
      .strict(),
    ScreenConn,
  ])
  .describe(
    '好差评 evaluation device: "simulated" (default, a Nextion display unless protocol says otherwise), "serial" (nextion or cd5220), "hid" (five-key rating pad on a vendor-defined usage page), or "screen" (the kiosk screen only)',
  );

/** QR/barcode scanner (receipt QR → progress lookup). Codes end with a suffix the scanner is set to send. */
const ScannerFraming = {
  suffix: z.enum(['CR', 'CRLF', 'LF']).default('CR').describe('what the scanner sends after each code (serial and simulated drivers)'),
  maxLength: z.number().int().min(16).max(4096).default(512).describe('longest code in bytes; a longer one is discarded whole'),
  interByteTimeoutMs: z.number().int().min(10).max(2000).default(100).describe('a code whose bytes stop arriving for this long before its suffix is discarded, never glued to the next'),
};
const Scanner = z
  .discriminatedUnion('driver', [
    z.object({ driver: z.literal('none') }).strict(),
    z
      .object({
        driver: z.literal('simulated'),
        startUnplugged: z.boolean().default(false),
        baud: Baud.default(9600).describe('line rate the simulated scanner is paced at'),
        ...ScannerFraming,
      })
      .strict(),
    z
      .object({
        driver: z.literal('serial'),
        ...SerialLink9600,
        ...ScannerFraming,
      })
      .strict()
      .refine(hasSerialTarget, { message: 'a serial scanner needs either path or vendorId and productId' }),
    z
      .object({
        driver: z.literal('hid'),
        vendorId: UsbId,
        productId: UsbId,
        serialNumber: z.string().optional(),
        path: z.string().optional().describe('hidraw path, overrides vendorId/productId matching'),
        interByteTimeoutMs: ScannerFraming.interByteTimeoutMs,
        maxLength: ScannerFraming.maxLength,
      })
      .strict(),
  ])
  .describe('QR/barcode scanner: "simulated" (default), "serial" (USB virtual COM), "hid" (keyboard-report HID read through hidraw), or "none"');

const Hours = z.union([
  z.literal('24h'),
  z
    .array(
      z
        .object({
          days: z.array(z.number().int().min(1).max(7)).min(1).describe('ISO weekdays, 1 = Monday'),
          open: Hhmm,
          close: Hhmm,
        })
        .strict(),
    )
    .min(1),
]);

/**
 * What one API connection may ask of the daemon. A client that floods is
 * answered tooManyRequests at once, never queued, and one that stops reading
 * its answers is disconnected. The defaults sit well above the real page:
 * driven by the browser tests (clicking far faster than a resident), the UI
 * sent at most 4 commands in any second, 11 in any 10 s, 3 within 50 ms, and
 * 2 lookups by case number in 5 s. The sustained rate is kept low because one
 * catalog.get costs ~50 ms of the daemon's only thread.
 */
export const ApiLimits = z
  .object({
    commandsPerSecond: z.number().int().min(1).max(1000).default(10).describe('sustained commands per second of one API connection (token bucket refill)'),
    commandBurst: z.number().int().min(1).max(10000).default(40).describe('commands one connection may send at once before the sustained rate applies'),
    maxInFlight: z.number().int().min(1).max(1000).default(16).describe('commands of one connection running at once; more are answered tooManyRequests'),
    maxBufferedBytes: z
      .number()
      .int()
      .min(1_048_576)
      .max(268_435_456)
      .default(8_388_608)
      .describe('answers and events waiting for one connection to read them; a connection that lets more pile up is disconnected'),
    caseLookupsPerSecond: z.number().min(0.1).max(100).default(2).describe('case.progress lookups by case number per second of one connection (case numbers must not be enumerable)'),
    caseLookupBurst: z.number().int().min(1).max(100).default(6).describe('lookups by case number one connection may make at once (a resident correcting typos)'),
  })
  .strict();
export type ApiLimits = z.infer<typeof ApiLimits>;

const Phone = z.string().regex(/^[0-9+\- ]{3,20}$/, 'expected a phone number (digits, +, -, spaces)');

/** Personal data leaves the terminal only encrypted: http:// only to a loopback host (a local relay or a test platform). */
function isSecureOrLoopback(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return true; // z.url reports it
  }
  if (u.protocol !== 'http:') return true; // https, or a scheme z.url already refuses
  return isLoopbackHost(u.hostname);
}

/** The hosts plain http: may name: this machine only. */
const isLoopbackHost = (hostname: string): boolean => ['127.0.0.1', '[::1]', 'localhost'].includes(hostname.toLowerCase());

/**
 * A URL template printed into QR codes and shown on screen: a resident's phone
 * opens it, so it must be https: (http: only to loopback). javascript:, data:,
 * plain http: to a network host and anything that is not a URL are refused.
 */
function linkTemplate(placeholder: '{caseNo}' | '{itemCode}') {
  return z
    .string()
    .includes(placeholder)
    .superRefine((template, ctx) => {
      let url: URL;
      try {
        url = new URL(template.replaceAll(placeholder, 'X'));
      } catch {
        return void ctx.addIssue({ code: 'custom', message: 'not a URL: a link template must be an https: URL' });
      }
      if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return;
      ctx.addIssue({ code: 'custom', message: `link templates are printed into QR codes and must be https: URLs (http: only to a loopback host); got ${url.protocol}` });
    });
}

/** An exponential backoff with jitter (delivery retries, the fleet link's reconnects): its first and longest delay. */
function backoff(defaults: { baseMs: number; maxMs: number }, describe: { base: string; max: string }) {
  return z
    .object({
      baseMs: z.number().int().min(10).max(600000).default(defaults.baseMs).describe(describe.base),
      maxMs: z.number().int().min(10).max(3600000).default(defaults.maxMs).describe(describe.max),
    })
    .strict()
    .default(defaults);
}

/** The fleet link's broker: mqtts:// (TLS) unless the broker is on this machine (a local bridge, the tests' Mosquitto). */
function isMqttsOrLoopback(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol === 'mqtts:') return true;
  return u.protocol === 'mqtt:' && isLoopbackHost(u.hostname);
}

/**
 * The terminal as one device of the district's fleet (ThingsBoard's MQTT
 * device API): off when absent. Credentials are the device's access token
 * (sent as the MQTT username) or an X.509 client certificate.
 */
const Fleet = z
  .object({
    url: z
      .string()
      .refine(isMqttsOrLoopback, { message: 'must start with mqtts:// (the link carries config and commands); plain mqtt:// is only accepted for a loopback broker (127.0.0.1, ::1, localhost)' })
      .describe('the broker, e.g. mqtts://iot.district.gov.cn:8883; mqtt:// only to a loopback host'),
    accessToken: z.string().min(1).max(256).optional().describe('the device access token (ThingsBoard: sent as the MQTT username)'),
    password: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe(
        'MQTT password sent with accessToken as the username, for a broker that checks both (ThingsBoard "MQTT Basic" credentials, a Mosquitto password file); a ThingsBoard access token needs none',
      ),
    clientCert: z.string().min(1).optional().describe('X.509 client certificate file (PEM), instead of an access token'),
    clientKey: z.string().min(1).optional().describe("the client certificate's private key file (PEM)"),
    ca: z.string().min(1).optional().describe("CA bundle file (PEM) the broker's certificate is checked against (default: the system's)"),
    telemetrySeconds: z.number().int().min(1).max(3600).default(60).describe('telemetry period; a device status change is also sent at once'),
    keepaliveSeconds: z.number().int().min(5).max(600).default(30).describe('MQTT keep-alive: the broker declares the link dead after 1.5 × this without traffic'),
    reconnect: backoff({ baseMs: 1000, maxMs: 60000 }, { base: 'first reconnect delay; doubles per failed attempt, with jitter', max: 'longest delay between reconnect attempts' }),
    queueMax: z.number().int().min(10).max(1000000).default(10000).describe('telemetry messages kept while offline; the oldest is dropped first (counted)'),
  })
  .strict()
  .refine((f) => f.accessToken !== undefined || (f.clientCert !== undefined && f.clientKey !== undefined), {
    message: 'needs accessToken, or clientCert and clientKey',
    path: ['accessToken'],
  })
  .refine((f) => (f.clientCert === undefined) === (f.clientKey === undefined), { message: 'clientCert and clientKey go together', path: ['clientKey'] })
  .refine((f) => f.password === undefined || f.accessToken !== undefined, { message: 'a password goes with accessToken (the username)', path: ['password'] });

const ScryptHash = (what: string) => z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/, `expected an scrypt hash (${what}), never the plain value`);

const StaffAccount = z
  .object({
    staffNo: z.string().regex(/^[A-Za-z0-9]{3,16}$/, 'expected a staff number of 3–16 letters or digits'),
    name: z.string().trim().min(1).max(40).describe('display name shown in the staff view and, for assisted handling, to the resident'),
    role: z
      .enum(['staff', 'assistant', 'supervisor'])
      .describe('staff: works calls, submissions and case steps; assistant: 帮办代办员 (calls and submissions only); supervisor: also approves and rejects cases'),
    pinHash: ScryptHash('set one with `npx kioskctl staff pin <staffNo>`'),
    cardHash: ScryptHash('`kioskctl staff card <staffNo>` stores the staff member’s ID-card number salted and hashed')
      .optional()
      .describe('the staff member’s own ID card, so a card read identifies them; only a salted hash is kept'),
  })
  .strict();

const StaffLan = z
  .object({
    enabled: z.boolean().default(false).describe('serve the staff view to the site LAN as well (HTTPS only); off: only on the terminal itself'),
    host: z.string().min(1).default('0.0.0.0').describe('LAN address of the HTTPS listener'),
    port: z.number().int().min(0).max(65535).default(8443),
    certPath: z.string().min(1).optional().describe('PEM certificate of the centre (with its chain)'),
    keyPath: z.string().min(1).optional().describe('PEM private key of that certificate'),
    origins: z
      .array(z.string().url())
      .max(10)
      .default([])
      .describe('https:// origins staff browsers on the LAN use (e.g. https://kiosk-wd0001.centre.lan:8443); the Origin of every state change must be one of them'),
  })
  .strict()
  .refine((l) => !l.enabled || (l.certPath !== undefined && l.keyPath !== undefined), {
    message: 'the LAN staff view is HTTPS only: certPath and keyPath are required when enabled',
    path: ['certPath'],
  });

const Staff = z
  .object({
    accounts: z
      .array(StaffAccount)
      .max(200)
      .default([])
      .refine((a) => new Set(a.map((x) => x.staffNo)).size === a.length, { message: 'staff numbers must be unique' }),
    lan: StaffLan.default({ enabled: false, host: '0.0.0.0', port: 8443, origins: [] }),
    sessionMinutes: z.number().int().min(5).max(720).default(60).describe('a staff sign-in lasts this long without use'),
    terminalEntry: StaffEntry.default('titleLongPress').describe(
      'how staff open their panel on the resident screen: titleLongPress = hold the title in the top bar for 2 s (the technician uses 5 taps in a corner); off = not on this terminal',
    ),
  })
  .strict();
export type StaffConfig = z.infer<typeof Staff>;

export const KioskConfig = z
  .object({
    $schema: z.string().optional(),
    terminalId: z.string().regex(/^[A-Z0-9]{4,12}$/, 'expected 4–12 upper-case letters or digits (it is part of every case number)'),
    site: z
      .object({
        name: z.string().min(1),
        district: z.string().min(1),
        kind: z.enum(['streetCenter', 'villageStation', 'bank', 'postOffice', 'telecom', 'mall']),
        address: z.string().min(1),
        hours: Hours.default('24h'),
        phones: z.object({ consultation: Phone, supervision: Phone, center: Phone }).strict().describe('site-level phones shown in guides and receipts'),
        staffDuty: StaffDuty.optional().describe(
          'when staff answer 呼叫工作人员: HH:MM-HH:MM spans per weekday (China time), e.g. mon: ["08:30-12:00", "14:30-17:30"]; none on the calendar’s public holidays, Monday’s hours on a make-up working day; out of hours the call screen gives afterHoursPhone (else phones.consultation) instead of a call. Absent: the call screen makes no claim about who is on duty',
        ),
      })
      .strict(),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    elderModeDefault: z.boolean().default(false),
    session: z
      .object({
        idleTimeoutSeconds: z.number().int().min(30).max(900).default(90),
        warningSeconds: z.number().int().min(20).max(120).default(30).describe('WCAG 2.2.1: at least 20 s to extend'),
      })
      .strict()
      .default({ idleTimeoutSeconds: 90, warningSeconds: 30 }),
    technician: z
      .object({
        pinHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/, 'expected an scrypt hash (set one with `npx kioskctl config pin set`), never a plain PIN'),
        demoMode: z
          .boolean()
          .default(false)
          .describe(
            'training and demo terminals only: the shipped demo PIN (24682468) may open technician actions; otherwise it opens nothing, and while it is configured the daemon warns at every start',
          ),
        gesture: z
          .object({
            corner: z.enum(['topLeft', 'topRight', 'bottomLeft', 'bottomRight']).default('topRight'),
            count: z.number().int().min(3).max(10).default(5),
            windowMs: z.number().int().min(1000).max(10_000).default(3000),
          })
          .strict()
          .default({ corner: 'topRight', count: 5, windowMs: 3000 })
          .describe('the hidden gesture that opens the maintenance PIN pad: taps in one corner of the screen within the window'),
      })
      .strict(),
    staff: Staff.default({ accounts: [], lan: { enabled: false, host: '0.0.0.0', port: 8443, origins: [] }, sessionMinutes: 60, terminalEntry: 'titleLongPress' }).describe(
      'centre staff: accounts and the staff view (/staff)',
    ),
    demo: z
      .object({
        trainingRoom: z
          .boolean()
          .default(false)
          .describe('training-room terminal: in demo mode (演示模式) from boot, always: simulated devices, a separate demo store wiped at every start, nothing delivered or counted'),
      })
      .strict()
      .default({ trainingRoom: false })
      .describe('demo / training mode (演示模式); staff can also switch it on at the terminal (demo.start) where every device is simulated'),
    devices: z
      .object({
        idCardReader: IdCardReader.default({
          driver: 'simulated',
          startUnplugged: false,
          pollIntervalMs: 0,
          removalPollMs: 300,
          simulator: { baud: 115200, timing: 'realistic', removalMode: 'status41' },
        }),
        printer: Printer.default({ driver: 'simulated', startUnplugged: false, printSpeedMmPerSec: 200, profile: PrinterProfile.parse({}) }),
        evalDisplay: EvalDisplay.default({
          driver: 'simulated',
          startUnplugged: false,
          protocol: 'nextion',
          baud: 9600,
          evalPage: 'eval',
          idlePage: 'idle',
          qrComponent: 'qr0',
          captionComponent: 't0',
          ratingComponents: [1, 2, 3, 4, 5],
          encoding: 'utf-8',
        }),
        scanner: Scanner.default({ driver: 'simulated', startUnplugged: false, baud: 9600, suffix: 'CR', maxLength: 512, interByteTimeoutMs: 100 }),
      })
      .strict(),
    platform: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('embedded') }).strict(),
        z
          .object({
            mode: z.literal('http'),
            baseUrl: z
              .url({ protocol: /^https?$/ })
              .refine(isSecureOrLoopback, {
                message: 'must start with https:// (submissions carry personal data); plain http:// is only accepted for a loopback host (127.0.0.1, ::1, localhost)',
              })
              .describe('platform API root; https:// unless the host is loopback (127.0.0.1, ::1, localhost)'),
            timeoutMs: z.number().int().min(500).max(60000).default(10000),
            retry: backoff(
              { baseMs: 2000, maxMs: 300000 },
              { base: 'first retry delay of an undelivered submission; doubles per attempt, with jitter', max: 'longest delay between delivery attempts' },
            ),
          })
          .strict(),
      ])
      .default({ mode: 'embedded' }),
    applications: z
      .object({
        refuseOpenDuplicates: z
          .boolean()
          .default(true)
          .describe('a second application for the same item by the same person while the first is open is refused with that case (items with repeatAllowed may go on once the resident saw it)'),
      })
      .strict()
      .default({ refuseOpenDuplicates: true }),
    evaluation: z
      .object({
        followUpWorkingDays: z
          .number()
          .int()
          .min(1)
          .max(60)
          .default(15)
          .describe('a 差评 (不满意, 非常不满意) must be followed up (call-back, fix) within this many working days of the rating; localities set 5 to 15'),
      })
      .strict()
      .default({ followUpWorkingDays: 15 }),
    links: z
      .object({
        progressUrlTemplate: linkTemplate('{caseNo}').default('https://zwfw.example.gov.cn/progress?case={caseNo}'),
        evaluationUrlTemplate: linkTemplate('{caseNo}')
          .describe('{caseNo}: the case number (or the event key of a service without one); {terminalId}, if present: this terminal')
          .default('https://zwfw.example.gov.cn/hcp?case={caseNo}'),
        guideUrlTemplate: linkTemplate('{itemCode}').default('https://zwfw.example.gov.cn/guide/{itemCode}'),
      })
      .strict()
      .default({
        progressUrlTemplate: 'https://zwfw.example.gov.cn/progress?case={caseNo}',
        evaluationUrlTemplate: 'https://zwfw.example.gov.cn/hcp?case={caseNo}',
        guideUrlTemplate: 'https://zwfw.example.gov.cn/guide/{itemCode}',
      }),
    catalog: z
      .object({
        path: z
          .string()
          .min(1)
          .default('assets/catalog/catalog.json')
          .describe('shipped service catalog, relative to the install directory; an accepted platform refresh is kept next to storage.path and wins when it is newer'),
      })
      .strict()
      .default({ path: 'assets/catalog/catalog.json' }),
    storage: z
      .object({
        path: z.string().min(1).default('var/kiosk.db'),
        retentionDays: z.number().int().min(1).max(365).default(30),
      })
      .strict()
      .default({ path: 'var/kiosk.db', retentionDays: 30 }),
    server: z
      .object({
        host: z.enum(['127.0.0.1', '::1']).default('127.0.0.1').describe('loopback only: the daemon never listens on a network'),
        port: z.number().int().min(0).max(65535).default(8080),
        limits: ApiLimits.default(ApiLimits.parse({})),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8080, limits: ApiLimits.parse({}) }),
    logging: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug']).default('info'),
        dir: z.string().default('var/log'),
        maxTotalBytes: z
          .number()
          .int()
          .min(64 * 1024)
          .default(DEFAULT_LOG_BYTES)
          .describe('the log files together (daemon.log and its rotated daemon.log.1 …) stay under about this many bytes; the oldest file is removed first'),
        files: z.number().int().min(2).max(20).default(5).describe('log files kept, daemon.log included; each is rotated before it reaches maxTotalBytes / files'),
      })
      .strict()
      .refine((l) => l.maxTotalBytes / l.files >= LOG_FILE_MIN_BYTES, { message: `maxTotalBytes / files must be at least ${LOG_FILE_MIN_BYTES} bytes (one log file's share)`, path: ['maxTotalBytes'] })
      .default({ level: 'info', dir: 'var/log', maxTotalBytes: DEFAULT_LOG_BYTES, files: 5 }),
    fleet: Fleet.optional().describe('the fleet link (MQTT, ThingsBoard device API); absent: off'),
  })
  .strict();

export type KioskConfig = z.infer<typeof KioskConfig>;
