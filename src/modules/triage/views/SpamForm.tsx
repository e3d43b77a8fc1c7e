import type { ComponentChildren } from 'preact';
import { formSectionId } from '../../cases/views/ActionForms.tsx';

/** Closing a case as spam: one button, no reply (an answer would only confirm the address to a sender of spam). */
export function SpamForm({ action, hidden, error }: { action: string; hidden: ComponentChildren; error?: string }) {
  return (
    <section id={formSectionId('skrap')} aria-labelledby="skrap-rubrik" tabindex={-1}>
      <h3 id="skrap-rubrik">Markera som skräp</h3>
      {error && (
        <p class="field-error">
          <span class="visually-hidden">Fel: </span>
          {error}
        </p>
      )}
      <p>Reklam, nonsens och massutskick. Ärendet avslutas utan svar och räknas inte med i statistiken, bara för sig som skräp.</p>
      <form method="post" action={action}>
        {hidden}
        <button type="submit" class="secondary">
          Markera som skräp
        </button>
      </form>
    </section>
  );
}
