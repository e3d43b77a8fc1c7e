import type { Organization } from '../../../db/schema.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { orgSettings } from '../../organizations/settings.ts';

export function StartPage({ org }: { org: Organization }) {
  const s = orgSettings(org);
  const links = s.referralLinks ?? {};
  return (
    <Layout title="Lämna en synpunkt" orgName={org.name}>
      <h1>Lämna en synpunkt till {org.name}</h1>
      <p class="lead">
        {s.startPageIntro ??
          'Har du klagomål, en fråga, beröm eller ett förslag om kommunens verksamhet? Berätta för oss. Dina synpunkter hjälper oss att bli bättre.'}
      </p>
      <p>
        <a class="button" href="/synpunkt" role="button">
          Lämna en synpunkt
        </a>
      </p>
      <p>
        Vi bekräftar att vi har tagit emot din synpunkt och svarar normalt inom <strong>{s.answerWorkingDays} arbetsdagar</strong>.
        Om det tar längre tid berättar vi varför och när du kan vänta dig svar.
      </p>
      {s.startPageExtra && <p class="user-text">{s.startPageExtra}</p>}

      <h2>Vad är en synpunkt?</h2>
      <p>
        En synpunkt är ett klagomål, en fråga, ett beröm eller ett förslag om kommunens verksamhet, till exempel bemötande, service,
        information eller miljön i och runt kommunens lokaler. Du kan vara anonym, men då kan vi inte svara dig.
      </p>

      <h2>Det här är inte en synpunkt</h2>
      <p>Vissa ärenden har egna vägar och handläggs snabbare där:</p>
      <ul>
        <li>
          <strong>Felanmälan</strong> – till exempel en trasig gatlykta, ett hål i vägen eller klotter.{' '}
          {links.faultReport ? <a href={links.faultReport}>Gör en felanmälan</a> : 'Kontakta kommunens kontaktcenter.'}
        </li>
        <li>
          <strong>Överklagande</strong> av ett beslut – beslutet talar om hur du överklagar.{' '}
          {links.appeal ? <a href={links.appeal}>Så överklagar du ett beslut</a> : null}
        </li>
        <li>
          <strong>Avvikelse eller missförhållande i vård och omsorg</strong> (lex Sarah).{' '}
          {links.deviation ? <a href={links.deviation}>Rapportera en avvikelse</a> : null}
        </li>
        <li>
          <strong>Kränkande behandling i skolan</strong> – kontakta rektor på skolan direkt.{' '}
          {s.schoolHarassmentUrl ? <a href={s.schoolHarassmentUrl}>Så anmäler du kränkande behandling</a> : null}
        </li>
        {s.otherAuthorityText && (
          <li>
            <strong>Frågor som en annan myndighet ansvarar för</strong> – {s.otherAuthorityText}
          </li>
        )}
      </ul>
      <p>Om du ändå skickar något av detta som en synpunkt hjälper vi dig vidare till rätt ställe.</p>

      <h2 id="personuppgifter">Så behandlar vi dina personuppgifter</h2>
      <p>
        {org.name} behandlar de personuppgifter du lämnar för att kunna handlägga och besvara din synpunkt och för att följa upp och
        förbättra verksamheten. Den rättsliga grunden är att behandlingen behövs för att utföra en uppgift av allmänt intresse
        (artikel 6.1 e i dataskyddsförordningen). Vi ber alltså inte om ditt samtycke, men du bestämmer själv vilka uppgifter du
        lämnar.
      </p>
      <ul>
        <li>
          <strong>Personuppgiftsansvarig</strong> är den nämnd som ansvarar för verksamheten din synpunkt gäller.
        </li>
        <li>
          <strong>Allmän handling:</strong> det du skickar blir en allmän handling som kan lämnas ut om någon begär det, om inte
          uppgifterna omfattas av sekretess. Skriv därför inte känsliga uppgifter om dig själv eller andra, och aldrig
          personnummer.
        </li>
        <li>
          <strong>Vem som ser uppgifterna:</strong> de medarbetare som handlägger synpunkten. Dina kontaktuppgifter publiceras aldrig.
        </li>
        <li>
          <strong>Hur länge:</strong> synpunkter sparas enligt kommunens dokumenthanteringsplan, normalt i två år, eller arkiveras
          om de är av vikt för verksamheten.
        </li>
        <li>
          <strong>Dina rättigheter:</strong> du har rätt att få veta vilka uppgifter vi har om dig, att få felaktiga uppgifter
          rättade och i vissa fall att invända mot behandlingen. Du kan också klaga hos Integritetsskyddsmyndigheten (IMY).
        </li>
        {s.contactEmail && (
          <li>
            <strong>Kontakt:</strong> <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>
            {s.contactPhone ? `, telefon ${s.contactPhone}` : ''}. Du når också kommunens dataskyddsombud via kontaktcenter.
          </li>
        )}
      </ul>
    </Layout>
  );
}
