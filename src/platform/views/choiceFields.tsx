import type { ComponentChildren } from 'preact';
import { FieldError, type Option } from './forms.tsx';

/** Form fields beyond forms.tsx: a single checkbox and a select with option groups. Same GOV.UK conventions. */

const describedBy = (id: string, hint?: ComponentChildren, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-fel` : ''].filter(Boolean).join(' ') || undefined;

/** One checkbox with its label beside it; posts `value` when checked and nothing when not. */
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

export interface OptionGroup {
  label: string;
  options: Option[];
}

/**
 * A select whose options are grouped (<optgroup>), e.g. subcategories per förvaltning: without
 * JavaScript the page cannot narrow the list to the chosen förvaltning, so it shows them all, grouped.
 */
export function GroupedSelect({ name, id = name, label, first, groups, value, error, hint }: { name: string; id?: string; label: ComponentChildren; first?: Option[]; groups: OptionGroup[]; value?: string; error?: string; hint?: ComponentChildren }) {
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
        {(first ?? []).map((o) => (
          <option key={o.value} value={o.value} selected={value === o.value}>
            {o.label}
          </option>
        ))}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value} selected={value === o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
