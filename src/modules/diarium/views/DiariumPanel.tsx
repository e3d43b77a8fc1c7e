import { useI18n } from '../../../platform/i18n/context.ts';

export interface DiariumPanelProps {
  number: string;
  csrf: string;
  last: { at: string; by: string } | null;
}

/** Hand the case over to the diarium as a package: a form, so it works without JavaScript. */
export function DiariumPanel(p: DiariumPanelProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby="diarium-rubrik">
      <h2 id="diarium-rubrik">{t('diarium.panel.heading')}</h2>
      <p>{t('diarium.panel.intro')}</p>
      {p.last && (
        <p>{t('diarium.panel.last', { at: p.last.at, by: p.last.by })}</p>
      )}
      <form method="post" action={`/handlaggning/arenden/${p.number}/diarium`}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <button type="submit" class="secondary">
          {i18n.rich('diarium.panel.download', { number: p.number, hidden: (s) => <span class="visually-hidden">{s}</span> })}
        </button>
      </form>
    </section>
  );
}
