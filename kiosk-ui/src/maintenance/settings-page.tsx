import { useEffect, useState } from 'preact/hooks';
import type { CommandResult } from '../../../contract/api';
import { KeyboardKeys } from '../components/keyboard';
import { useMaintenance } from './maintenance-context';
import { RestartOffer } from './restart-offer';
import { fieldText, fieldValue, problemsOf, SETTING_FIELDS, type SettingField, valueAt } from './settings-fields';
import { useCommand } from './use-command';

type SetResult = CommandResult<'maintenance.config.set'>;

/** What links and JSON settings need beyond letters and digits. */
const PUNCTUATION = ['-_.:/?=&%#@~+', '{}[]",'];

/** For a technician without a USB keyboard: the terminal's keys, with the punctuation of URLs and JSON. */
function SettingKeyboard({ text, onText }: { text: string; onText: (v: string) => void }) {
  const { t } = useMaintenance();
  return (
    <div class="maint-keyboard">
      <KeyboardKeys value={text} onChange={onText} labels={{ space: t('kb.space'), backspace: t('kb.backspace'), clear: t('kb.clear') }} extraRows={PUNCTUATION} />
    </div>
  );
}

function FieldInput({ field, text, onText }: { field: SettingField; text: string; onText: (v: string) => void }) {
  const id = `maint-set-${field.path}`;
  const change = (e: Event) => onText((e.target as HTMLInputElement).value);
  if (field.edit.kind === 'bool') return <input id={id} type="checkbox" checked={text === 'true'} onChange={(e) => onText(String((e.target as HTMLInputElement).checked))} />;
  if (field.edit.kind === 'choice')
    return (
      <select id={id} value={text} onChange={change}>
        {field.edit.options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  return <input id={id} type="text" inputMode={field.edit.kind === 'number' ? 'numeric' : 'text'} value={text} onInput={change} />;
}

interface RowProps {
  field: SettingField;
  initial: unknown;
  onSaved: (r: SetResult) => void;
  /** Whether the on-screen keyboard types into this field (one field at a time). */
  keyboard: boolean;
  onKeyboard: (open: boolean) => void;
}

function SettingRow({ field, initial, onSaved, keyboard, onKeyboard }: RowProps) {
  const { client, token, t } = useMaintenance();
  const [text, setText] = useState(fieldText(field.edit, initial));
  const [save, run] = useCommand<SetResult>();
  const [local, setLocal] = useState<string | undefined>(undefined);
  const typed = field.edit.kind === 'text' || field.edit.kind === 'number' || field.edit.kind === 'json';
  const submit = () => {
    const v = fieldValue(field.edit, text);
    setLocal(v.ok ? undefined : t('maint.set.notValue'));
    if (v.ok) void run(() => client.call('maintenance.config.set', { token, path: field.path, value: v.value })).then((r) => r && onSaved(r));
  };
  const problems = [...(local ? [local] : []), ...(save.state === 'done' && !save.result.saved ? problemsOf(field.path, save.result.problems) : [])];
  const otherProblems = save.state === 'done' && !save.result.saved ? save.result.problems.filter((p) => !problems.includes(p)) : [];
  return (
    <div class="maint-setting" data-setting={field.path}>
      <label for={`maint-set-${field.path}`}>
        {t(field.label)} <span class="muted">{field.path}</span>
      </label>
      <FieldInput field={field} text={text} onText={setText} />
      <span class="maint-setting__actions">
        {typed && (
          <button type="button" class="btn" aria-pressed={keyboard} data-action="keyboard" onClick={() => onKeyboard(!keyboard)}>
            {t('maint.set.keyboard')}
          </button>
        )}
        <button type="button" class="btn" data-action="save" disabled={save.state === 'running'} onClick={submit}>
          {t('maint.set.save')}
        </button>
      </span>
      {keyboard && typed && <SettingKeyboard text={text} onText={setText} />}
      {[...problems, ...otherProblems].map((p) => (
        <p key={p} class="maint-error" role="alert">
          {p}
        </p>
      ))}
      {save.state === 'done' && save.result.saved && <p class="maint-ok">{t(save.result.applied ? 'maint.set.applied' : 'maint.set.savedRestart')}</p>}
      {save.state === 'failed' && <p class="maint-error">{t('maint.test.failed', { code: save.code, message: save.message })}</p>}
    </div>
  );
}

/** 设置: the settings a technician changes, checked by the config schema, saved with .bak, applied live where the daemon can. */
export function SettingsPage() {
  const { client, token, t } = useMaintenance();
  const [config, load] = useCommand<Record<string, unknown>>();
  const [restart, setRestart] = useState(false);
  const [keyboardFor, setKeyboardFor] = useState<string | undefined>(undefined);
  useEffect(() => void load(() => client.call('maintenance.config.get', { token }).then((r) => r.effective)), []);
  if (config.state !== 'done') return <p>{config.state === 'failed' ? t('maint.test.failed', { code: config.code, message: config.message }) : t('maint.loading')}</p>;
  return (
    <div class="maint-settings" data-testid="maint-settings">
      {restart && <RestartOffer />}
      {SETTING_FIELDS.map((f) => (
        <SettingRow
          key={f.path}
          field={f}
          initial={valueAt(config.result, f.path)}
          onSaved={(r) => r.saved && r.restartNeeded && setRestart(true)}
          keyboard={keyboardFor === f.path}
          onKeyboard={(open) => setKeyboardFor(open ? f.path : undefined)}
        />
      ))}
    </div>
  );
}
