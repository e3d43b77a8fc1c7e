import { sv, type MessageKey } from '../../platform/i18n/catalogue.ts';

/**
 * A label map read from the staff catalogue (locales/staff/sv/cases.json): the message
 * `<prefix>.<value>` for each value. A value without a message fails at start-up, not on a page.
 * Its own module so that lifecycle.ts and labels.ts can both use it without importing each other.
 */
export function catalogueLabels<V extends string>(prefix: string, values: readonly V[]): Record<V, string> {
  return Object.fromEntries(values.map((v) => [v, sv(`${prefix}.${v}` as MessageKey)])) as Record<V, string>;
}
