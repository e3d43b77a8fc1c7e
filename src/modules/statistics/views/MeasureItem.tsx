import { useI18n } from '../../../platform/i18n/context.ts';
import type { MeasureItem as Measure } from '../result.ts';

/** One measure in the lists on the statistics page and the committee report: case, when closed, unit, what was done. */
export function MeasureItem({ m }: { m: Measure }) {
  const i18n = useI18n();
  return (
    <>
      {i18n.rich('statistics.measure.item', {
        number: m.number,
        closedOn: m.closedOn,
        hasUnit: m.unit ? 'yes' : 'no',
        unit: m.unit ?? '',
        text: <span class="user-text">{m.text}</span>,
        strong: (c) => <strong>{c}</strong>,
      })}
    </>
  );
}
