export interface DiariumPanelProps {
  number: string;
  csrf: string;
  last: { at: string; by: string } | null;
}

/** Hand the case over to the diarium as a package: a form, so it works without JavaScript. */
export function DiariumPanel(p: DiariumPanelProps) {
  return (
    <section aria-labelledby="diarium-rubrik">
      <h2 id="diarium-rubrik">Diariet</h2>
      <p>
        Blir synpunkten ett formellt ärende kan du lämna över den till diariet som ett paket (zip) med ärendet som PDF och XML, meddelandena och bilagorna. Paketet innehåller personuppgifter. Överlämningen
        skrivs i historiken.
      </p>
      {p.last && (
        <p>
          Senast överlämnat {p.last.at} av {p.last.by}.
        </p>
      )}
      <form method="post" action={`/handlaggning/arenden/${p.number}/diarium`}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <button type="submit" class="secondary">
          Ladda ned paket till diariet<span class="visually-hidden"> för ärende {p.number}</span>
        </button>
      </form>
    </section>
  );
}
