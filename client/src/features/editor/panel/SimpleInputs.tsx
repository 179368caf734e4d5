import type { ParameterDescription } from '@tandem/shared/engine';
import { inputClass } from '../../../ui/Field.tsx';
import { jsonError, parseNumberInput } from './param-logic.ts';
import { useDraft } from './useDraft.ts';

type P = {
  param: ParameterDescription;
  value: unknown;
  onChange: (v: unknown) => void;
  readOnly?: boolean;
  testId: string;
};

/** Single- or multi-line text; password fields are masked. */
export function StringInput({ param, value, onChange, readOnly, testId }: P) {
  const { draft, setDraft, onFocus, onBlur } = useDraft(
    value === undefined || value === null ? '' : String(value),
  );
  const rows = Number(param.typeOptions?.rows ?? 1);
  const common = {
    value: draft,
    readOnly,
    placeholder: param.placeholder,
    onFocus,
    onBlur,
    'data-testid': testId,
    className: inputClass,
  };
  if (rows > 1)
    return (
      <textarea
        {...common}
        rows={Math.min(rows, 12)}
        onChange={(e) => {
          setDraft(e.target.value);
          onChange(e.target.value);
        }}
      />
    );
  return (
    <input
      {...common}
      type={param.typeOptions?.password ? 'password' : 'text'}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}

/** Number input honouring min/max; invalid text is kept locally and not written. */
export function NumberInput({ param, value, onChange, readOnly, testId }: P) {
  const { draft, setDraft, onFocus, onBlur } = useDraft(typeof value === 'number' ? String(value) : '');
  const n = draft.trim() === '' ? undefined : Number(draft);
  const invalid = draft.trim() !== '' && !Number.isFinite(n);
  return (
    <div>
      <input
        type="number"
        className={inputClass}
        aria-invalid={invalid}
        value={draft}
        readOnly={readOnly}
        min={param.typeOptions?.minValue}
        max={param.typeOptions?.maxValue}
        onFocus={onFocus}
        onBlur={onBlur}
        data-testid={testId}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = parseNumberInput(e.target.value, param.typeOptions);
          if (parsed !== undefined) onChange(parsed);
        }}
      />
      {invalid && <p className="mt-1 text-xs text-rose-600">Enter a number.</p>}
    </div>
  );
}

/** On/off switch. */
export function BooleanInput({ value, onChange, readOnly, testId }: P) {
  const on = value === true;
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      disabled={readOnly}
      data-testid={testId}
      onClick={() => onChange(!on)}
      className={`relative h-5 w-9 rounded-full transition-colors ${on ? 'bg-indigo-600' : 'bg-slate-300'} disabled:opacity-60`}
    >
      <span
        className={`absolute top-0.5 size-4 rounded-full bg-white shadow transition-all ${on ? 'left-[18px]' : 'left-0.5'}`}
      />
    </button>
  );
}

/** Dropdown of fixed options; an unknown stored value stays visible so nothing is silently changed. */
export function OptionsInput({ param, value, onChange, readOnly, testId }: P) {
  const options = param.options ?? [];
  const known = options.some((o) => o.value === value);
  return (
    <select
      className={inputClass}
      disabled={readOnly}
      data-testid={testId}
      value={known ? JSON.stringify(value) : '__unknown__'}
      onChange={(e) => onChange(JSON.parse(e.target.value))}
    >
      {!known && (
        <option value="__unknown__">{value === undefined ? 'Choose…' : `${String(value)} (unknown)`}</option>
      )}
      {options.map((o) => (
        <option key={String(o.value)} value={JSON.stringify(o.value)} title={o.description}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/** Checkbox list for several options. */
export function MultiOptionsInput({ param, value, onChange, readOnly, testId }: P) {
  const selected = Array.isArray(value) ? value : [];
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1" data-testid={testId}>
      {(param.options ?? []).map((o) => {
        const on = selected.includes(o.value);
        return (
          <label key={String(o.value)} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={on}
              disabled={readOnly}
              onChange={() => onChange(on ? selected.filter((v) => v !== o.value) : [...selected, o.value])}
            />
            {o.name}
          </label>
        );
      })}
    </div>
  );
}

/** JSON text with a live syntax check; objects stored as values are shown pretty-printed. */
export function JsonInput({ param, value, onChange, readOnly, testId }: P) {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value, null, 2);
  const { draft, setDraft, onFocus, onBlur } = useDraft(text);
  const err = jsonError(draft);
  return (
    <div>
      <textarea
        className={`${inputClass} font-mono text-xs`}
        rows={Math.min(Number(param.typeOptions?.rows ?? 6), 16)}
        value={draft}
        readOnly={readOnly}
        spellCheck={false}
        onFocus={onFocus}
        onBlur={onBlur}
        data-testid={testId}
        onChange={(e) => {
          setDraft(e.target.value);
          onChange(e.target.value);
        }}
      />
      {err && (
        <p className="mt-1 text-xs text-rose-600" data-testid={`${testId}-error`}>
          Invalid JSON: {err}
        </p>
      )}
    </div>
  );
}

/** Date-time picker (stored as ISO text). */
export function DateTimeInput({ value, onChange, readOnly, testId }: P) {
  const v = typeof value === 'string' ? value.slice(0, 16) : '';
  return (
    <input
      type="datetime-local"
      className={inputClass}
      value={v}
      readOnly={readOnly}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : '')}
    />
  );
}

/** Colour swatch + hex. */
export function ColorInput({ value, onChange, readOnly, testId }: P) {
  const v = typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : '#000000';
  return (
    <input
      type="color"
      value={v}
      disabled={readOnly}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
