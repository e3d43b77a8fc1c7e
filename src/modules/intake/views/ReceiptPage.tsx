import type { Organization } from '../../../db/schema.ts';
import { Layout } from '../../../platform/views/layout.tsx';

export function ReceiptPage({ org, number, statusUrl, anonymous }: { org: Organization; number: string; statusUrl: string; anonymous: boolean }) {
  return (
    <Layout title={`Tack – ärende ${number}`} orgName={org.name}>
      <div class="panel">
        <h1>Tack för din synpunkt</h1>
        <p>
          Ditt ärendenummer är
          <br />
          <span class="case-number">{number}</span>
        </p>
      </div>
      <h2>Följ ditt ärende</h2>
      <p>Spara den här privata länken. Där kan du se vad som händer med din synpunkt, utan att logga in:</p>
      <p class="break">
        <a href={statusUrl}>{statusUrl}</a>
      </p>
      <p class="muted">Dela inte länken med någon som inte ska kunna läsa din synpunkt.</p>
      <h2>Vad händer nu?</h2>
      {anonymous ? (
        <p>Du har valt att vara anonym, så vi kan inte svara dig. Din synpunkt läses och används ändå för att förbättra verksamheten.</p>
      ) : (
        <p>
          Vi bekräftar inom kort att synpunkten har kommit till rätt handläggare, och du får svar på det sätt du har valt. Ange
          ärendenumret om du kontaktar oss.
        </p>
      )}
      <p>
        <a href="/">Till startsidan</a>
      </p>
    </Layout>
  );
}
