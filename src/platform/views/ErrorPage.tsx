import { Layout } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: 'Något blev fel med det som skickades',
  403: 'Formuläret kunde inte skickas',
  404: 'Sidan finns inte',
  413: 'Det du skickade var för stort',
  415: 'Formuläret skickades i fel format',
  429: 'För många försök – vänta en stund och försök igen',
  500: 'Något gick fel hos oss',
  503: 'Tjänsten är inte tillgänglig just nu',
};

export function ErrorPage({ status, message, orgName }: { status: number; message?: string; orgName: string }) {
  const title = TITLES[status] ?? TITLES[status >= 500 ? 500 : 400]!;
  return (
    <Layout title={title} orgName={orgName}>
      <h1>{title}</h1>
      {message && <p>{message}</p>}
      {status === 404 && <p>Kontrollera att adressen är rätt. Om du följde en länk till ett ärende kan länken vara ofullständig.</p>}
      {status >= 500 && <p>Försök igen om en stund. Det du har skrivit har inte sparats om du inte har fått ett ärendenummer.</p>}
      <p>
        <a href="/">Till startsidan</a>
      </p>
    </Layout>
  );
}
