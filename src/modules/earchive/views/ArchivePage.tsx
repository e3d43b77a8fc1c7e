import { formatDateTime } from '../../../platform/clock.ts';
import { TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import type { listPackages } from '../confirm.ts';

type Pkg = Awaited<ReturnType<typeof listPackages>>[number];

const receiptId = (packageId: string) => `receipt-${packageId}`;

export function ArchivePage(p: AdminPageProps & { packages: Pkg[]; year: string; receipt: { id: string; value: string } | null; errors?: FieldErrors; notice?: string }) {
  // Each unconfirmed package has its own receipt field: the error summary links to the one that was sent.
  const fieldIds = p.receipt ? { receipt: receiptId(p.receipt.id) } : undefined;
  return (
    <AdminLayout title="Leverans till e-arkiv" errors={p.errors} fieldIds={fieldIds} notice={p.notice} {...p}>
      <h1>Leverans till e-arkiv</h1>
      <p>
        Ärenden som ska bevaras levereras till arkivet som ett informationspaket enligt Riksarkivets FGS 2.0 (E-ARK SIP): METS, beskrivning enligt E-ARK ERMS, PREMIS med
        kontrollsummor, varje ärende som XML och PDF/A, meddelanden som e-post (.eml) och bilagor i sitt ursprungliga format. Sekretessmarkerade ärenden levereras med
        markeringen. Ärenden med bevarandestopp levereras inte. När arkivet har kvitterat paketet kan ärendena gallras i Lyhörd.
      </p>
      <h2>Skapa ett leveranspaket</h2>
      <form method="post" action="/admin/arkiv/e-arkiv" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <TextInput name="year" label="Ärenden avslutade år" inputmode="numeric" value={p.year} error={p.errors?.year} hint="Paketet laddas ner som en zip-fil." />
        <button type="submit">Skapa och ladda ner paketet</button>
      </form>
      <h2>Levererade paket</h2>
      {p.packages.length === 0 ? (
        <p>Inga paket ännu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Leveranspaket, senaste först</caption>
          <thead>
            <tr>
              <th scope="col">Paket</th>
              <th scope="col">År</th>
              <th scope="col">Ärenden</th>
              <th scope="col">Skapat</th>
              <th scope="col">Kvittens från arkivet</th>
            </tr>
          </thead>
          <tbody>
            {p.packages.map((k) => (
              <tr key={k.id}>
                <td>{k.id}</td>
                <td>{k.closed_year}</td>
                <td>{k.case_count}</td>
                <td>
                  {formatDateTime(k.created_at)}, {k.created_by_label}
                </td>
                <td>
                  {k.confirmed_at ? (
                    `${k.receipt_ref} (${formatDateTime(k.confirmed_at)}, ${k.confirmed_by_label})`
                  ) : (
                    <form method="post" action={`/admin/arkiv/e-arkiv/${k.id}/kvittens`} novalidate class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <TextInput
                        name="receipt"
                        id={receiptId(k.id)}
                        label={<>Arkivets kvittens<span class="visually-hidden"> för paket {k.id}</span></>}
                        value={p.receipt?.id === k.id ? p.receipt.value : ''}
                        error={p.receipt?.id === k.id ? p.errors?.receipt : undefined}
                      />
                      <button type="submit" class="secondary">
                        Kvittera
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
