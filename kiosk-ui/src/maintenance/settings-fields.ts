import type { MessageKey } from '../i18n';

/** How a setting is edited on screen: free text, a whole number, on/off, one of a list, or JSON (site hours: "24h" or a list of days and times; duty hours: spans per weekday). */
export type FieldKind = { kind: 'text' } | { kind: 'number' } | { kind: 'bool' } | { kind: 'choice'; options: Array<string | number> } | { kind: 'json' };

export interface SettingField {
  path: string;
  label: MessageKey;
  edit: FieldKind;
}

/** What a technician changes on site; the schema checks every value (its messages are shown beside the field). */
export const SETTING_FIELDS: SettingField[] = [
  { path: 'site.name', label: 'maint.set.siteName', edit: { kind: 'text' } },
  { path: 'site.address', label: 'maint.set.siteAddress', edit: { kind: 'text' } },
  { path: 'site.hours', label: 'maint.set.siteHours', edit: { kind: 'json' } },
  { path: 'site.staffDuty', label: 'maint.set.staffDuty', edit: { kind: 'json' } },
  { path: 'session.idleTimeoutSeconds', label: 'maint.set.idleTimeout', edit: { kind: 'number' } },
  { path: 'session.warningSeconds', label: 'maint.set.warning', edit: { kind: 'number' } },
  { path: 'locale', label: 'maint.set.locale', edit: { kind: 'choice', options: ['zh-CN', 'en'] } },
  { path: 'elderModeDefault', label: 'maint.set.elderDefault', edit: { kind: 'bool' } },
  { path: 'devices.printer.profile.paperWidthDots', label: 'maint.set.paperWidth', edit: { kind: 'choice', options: [384, 576] } },
  { path: 'devices.printer.profile.encoding', label: 'maint.set.encoding', edit: { kind: 'choice', options: ['GB18030', 'GBK'] } },
  { path: 'devices.printer.profile.cut', label: 'maint.set.cut', edit: { kind: 'choice', options: ['partial', 'full'] } },
  { path: 'platform.baseUrl', label: 'maint.set.platformUrl', edit: { kind: 'text' } },
  { path: 'links.progressUrlTemplate', label: 'maint.set.progressUrl', edit: { kind: 'text' } },
  { path: 'links.evaluationUrlTemplate', label: 'maint.set.evaluationUrl', edit: { kind: 'text' } },
  { path: 'links.guideUrlTemplate', label: 'maint.set.guideUrl', edit: { kind: 'text' } },
];

/** The text shown in a field for the value in the file (absent: empty). */
export function fieldText(edit: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (edit.kind === 'json') return JSON.stringify(value);
  return String(value);
}

/** The value a field's text stands for; undefined when it is not one (the page says so before asking the daemon). */
export function fieldValue(edit: FieldKind, text: string): { ok: true; value: unknown } | { ok: false } {
  switch (edit.kind) {
    case 'number':
      return /^-?\d+$/.test(text.trim()) ? { ok: true, value: Number(text.trim()) } : { ok: false };
    case 'bool':
      return { ok: true, value: text === 'true' };
    case 'choice': {
      const found = edit.options.find((o) => String(o) === text);
      return found === undefined ? { ok: false } : { ok: true, value: found };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false };
      }
    default:
      return { ok: true, value: text };
  }
}

/** The schema's messages that concern this field (they start with its path). */
export function problemsOf(path: string, problems: string[]): string[] {
  return problems.filter((p) => p === path || p.startsWith(`${path}:`) || p.startsWith(`${path}.`));
}

export function valueAt(config: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined), config);
}
