import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/context.ts';

/** Field name → message. Order of insertion is the order in the error summary. */
export type FieldErrors = Record<string, string>;

/**
 * GOV.UK error summary: announced, each message linking to its field, and focused when the page
 * loads (autofocus, so also without JavaScript): after a failed submit the keyboard and screen
 * reader start at the list of what to fix instead of at the top of the page.
 */
export function ErrorSummary({ errors, fieldIds = {} }: { errors: FieldErrors; fieldIds?: Record<string, string> }) {
  const { t } = useI18n();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus data-error-summary>
      <h2 id="error-summary-title">{t('form.errorSummary.title')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldIds[field] ?? field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p class="field-error" id={`${id}-fel`}>
      <span class="visually-hidden">{t('layout.errorPrefix')}</span>
      {message}
    </p>
  );
}

function describedBy(id: string, hint?: ComponentChildren, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-fel` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

interface InputProps {
  name: string;
  /** The element id, when the name is not unique on the page (several forms on one page). Defaults to the name. */
  id?: string;
  label: ComponentChildren;
  value?: string;
  error?: string;
  hint?: ComponentChildren;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'datetime-local' | 'search' | 'number';
  autocomplete?: string;
  required?: boolean;
  inputmode?: string;
  maxLength?: number;
}

export function TextInput({ name, id = name, label, value, error, hint, type = 'text', autocomplete, required, inputmode, maxLength }: InputProps) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} message={error} />
      <input
        id={id}
        name={name}
        type={type as 'text'}
        value={value ?? ''}
        autocomplete={autocomplete}
        inputMode={inputmode as any}
        maxLength={maxLength}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
      />
    </div>
  );
}

export function TextArea({ name, id = name, label, value, error, hint, required, rows = 8, autocomplete }: InputProps & { rows?: number }) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} message={error} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        autocomplete={autocomplete}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** The label's language, when it is not the page's (WCAG 3.1.2): a unit's Swedish name on an English page. */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/**
 * Radio buttons in a fieldset. The first radio carries the field's id so the error summary can
 * link to it; hints are named by field and value, so an option's hint never shares the id of the
 * field's own hint (`<id>-hint`).
 */
export function Radios({ name, id: baseId = name, legend, options, value, error, hint }: { name: string; id?: string; legend: ComponentChildren; options: Option[]; value?: string; error?: string; hint?: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <fieldset aria-describedby={describedBy(baseId, hint, error)}>
        <legend>{legend}</legend>
        {hint && (
          <p class="hint" id={`${baseId}-hint`}>
            {hint}
          </p>
        )}
        <FieldError id={baseId} message={error} />
        <div class="radios">
          {options.map((o, i) => {
            const id = i === 0 ? baseId : `${baseId}-${o.value || 'tom'}`;
            const hintId = `${baseId}-${o.value || 'tom'}-hint`;
            return (
              <div class="radio" key={o.value}>
                <input type="radio" id={id} name={name} value={o.value} checked={value === o.value} aria-describedby={o.hint ? hintId : undefined} />
                <label for={id}>{o.label}</label>
                {o.hint && (
                  <p class="hint" id={hintId}>
                    {o.hint}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

/**
 * A select; with `groups` its options come in <optgroup>s, e.g. subcategories per förvaltning:
 * without JavaScript the page cannot narrow the list to the chosen förvaltning, so it shows them all, grouped.
 */
export function Select({ name, id = name, label, options = [], groups = [], value, error, hint }: { name: string; id?: string; label: ComponentChildren; options?: Option[]; groups?: OptionGroup[]; value?: string; error?: string; hint?: ComponentChildren }) {
  const option = (o: Option) => (
    <option key={o.value} value={o.value} selected={value === o.value} lang={o.lang} dir={o.dir}>
      {o.label}
    </option>
  );
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} message={error} />
      <select id={id} name={name} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined}>
        {options.map(option)}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map(option)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A single checkbox (GOV.UK style): the box first, its label after, the error above both; posts `value` when checked. */
export function Checkbox({ name, id = name, label, checked, value = 'ja', hint, error }: { name: string; id?: string; label: ComponentChildren; checked?: boolean; value?: string; hint?: ComponentChildren; error?: string }) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldError id={id} message={error} />
      <div class="checkbox">
        <input type="checkbox" id={id} name={name} value={value} checked={checked} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined} />
        <label for={id}>{label}</label>
      </div>
      {hint && (
        <p class="hint checkbox-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
