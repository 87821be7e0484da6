import type { Command } from 'commander';
import { resolve } from 'node:path';
import { PinPrompt } from '../../auth/pin-prompt';
import { hashStaffCard } from '../../auth/staff-card';
import { ConfigError, loadConfig } from '../../config/load';
import { hashPin } from '../../config/pin-hash';
import { readRawConfig, saveConfig } from '../../config/save-config';
import { DEFAULT_CONFIG } from './config';

type Account = { staffNo: string; name: string; role: string; pinHash: string; cardHash?: string };

/** A staff PIN typed twice without echo (6–12 digits, the same both times); undefined when refused, with the reason on stderr. */
async function askNewPin(staffNo: string): Promise<string | undefined> {
  const prompt = new PinPrompt();
  try {
    const first = await prompt.ask(`PIN for staff ${staffNo} (6-12 digits): `);
    if (!first || !/^\d{6,12}$/.test(first)) return refuse('a staff PIN is 6 to 12 digits');
    if ((await prompt.ask('Type it again: ')) !== first) return refuse('the two PINs differ; nothing was changed');
    return first;
  } finally {
    prompt.done();
  }
}

/** The staff member's own ID-card number, typed twice without echo (it is personal data: never on the screen or in the shell history). */
async function askCardNumber(staffNo: string): Promise<string | undefined> {
  const prompt = new PinPrompt();
  try {
    const first = (await prompt.ask(`ID-card number of staff ${staffNo}: `))?.trim().toUpperCase();
    if (!first || !/^[0-9A-Z]{8,18}$/.test(first)) return refuse('expected an ID-card number (8-18 digits or letters)');
    if ((await prompt.ask('Type it again: '))?.trim().toUpperCase() !== first) return refuse('the two numbers differ; nothing was changed');
    return first;
  } finally {
    prompt.done();
  }
}

function refuse(message: string): undefined {
  process.stderr.write(`kioskctl: ${message}\n`);
  process.exitCode = 2;
  return undefined;
}

/** staff.accounts changed by `edit` and saved through saveConfig (the whole file checked first). */
function editAccounts(file: string, edit: (accounts: Account[]) => Account[]): void {
  const raw = readRawConfig(file) as Record<string, unknown> & { staff?: { accounts?: Account[] } };
  raw.staff = { ...raw.staff, accounts: edit([...(raw.staff?.accounts ?? [])]) };
  const saved = saveConfig(file, raw);
  if (!saved.ok) throw new ConfigError(file, saved.problems);
}

export function registerStaffCommands(program: Command): void {
  const staff = program.command('staff').description('centre staff accounts of this terminal (staff view sign-in); PINs are asked twice and only their hash is kept');
  const cfg = (c: Command) => c.option('-c, --config <file>', 'config file', DEFAULT_CONFIG);
  cfg(staff.command('list').description('staff numbers, names and roles (never a hash)')).action((opts: { config: string }) => {
    for (const a of loadConfig(resolve(opts.config)).staff.accounts) process.stdout.write(`${a.staffNo}\t${a.role}\t${a.name}${a.cardHash ? '\tcard' : ''}\n`);
  });
  cfg(staff.command('add <staffNo> <name>').description('add a staff account; asks for its PIN twice'))
    .option('-r, --role <role>', 'staff | assistant | supervisor', 'staff')
    .action(async (staffNo: string, name: string, opts: { config: string; role: string }) => {
      const file = resolve(opts.config);
      if (loadConfig(file).staff.accounts.some((a) => a.staffNo === staffNo)) return void refuse(`staff ${staffNo} exists; change its PIN with \`kioskctl staff pin ${staffNo}\``);
      const pin = await askNewPin(staffNo);
      if (!pin) return;
      editAccounts(file, (accounts) => [...accounts, { staffNo, name, role: opts.role, pinHash: hashPin(pin) }]);
      process.stdout.write(`${file}: staff ${staffNo} added (${opts.role})\n`);
    });
  cfg(staff.command('remove <staffNo>').description('remove a staff account (a running daemon signs it out at its next restart)')).action((staffNo: string, opts: { config: string }) => {
    const file = resolve(opts.config);
    if (!loadConfig(file).staff.accounts.some((a) => a.staffNo === staffNo)) return void refuse(`no staff ${staffNo}`);
    editAccounts(file, (accounts) => accounts.filter((a) => a.staffNo !== staffNo));
    process.stdout.write(`${file}: staff ${staffNo} removed\n`);
  });
  cfg(staff.command('pin <staffNo>').description('set a new PIN for a staff account; asks for it twice')).action(async (staffNo: string, opts: { config: string }) => {
    const file = resolve(opts.config);
    if (!loadConfig(file).staff.accounts.some((a) => a.staffNo === staffNo)) return void refuse(`no staff ${staffNo}`);
    const pin = await askNewPin(staffNo);
    if (!pin) return;
    editAccounts(file, (accounts) => accounts.map((a) => (a.staffNo === staffNo ? { ...a, pinHash: hashPin(pin) } : a)));
    process.stdout.write(`${file}: PIN of staff ${staffNo} set\n`);
  });
  cfg(staff.command('card <staffNo>').description('let the staff member sign in on the screen with their own ID card: asks its number twice; only a salted hash is kept'))
    .option('--clear', 'remove the card: sign-in by staff number + PIN only')
    .action(async (staffNo: string, opts: { config: string; clear?: boolean }) => {
      const file = resolve(opts.config);
      if (!loadConfig(file).staff.accounts.some((a) => a.staffNo === staffNo)) return void refuse(`no staff ${staffNo}`);
      const number = opts.clear ? undefined : await askCardNumber(staffNo);
      if (!opts.clear && !number) return;
      editAccounts(file, (accounts) =>
        accounts.map((a) => {
          if (a.staffNo !== staffNo) return a;
          const { cardHash: _old, ...rest } = a;
          return number ? { ...rest, cardHash: hashStaffCard(number) } : rest;
        }),
      );
      process.stdout.write(`${file}: card of staff ${staffNo} ${number ? 'set' : 'removed'}\n`);
    });
}
