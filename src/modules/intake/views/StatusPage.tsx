import type { Organization } from '../../../db/schema.ts';
import { formatLongDate } from '../../../platform/clock.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { KIND_LABEL, STATUS_LABEL_PUBLIC } from '../../cases/labels.ts';
import type { findCaseForSubmitter } from '../queries.ts';

type SubmitterCase = NonNullable<Awaited<ReturnType<typeof findCaseForSubmitter>>>;

export function StatusPage({ org, c }: { org: Organization; c: SubmitterCase }) {
  return (
    <Layout title={`Ärende ${c.number}`} orgName={org.name}>
      <h1>Ärende {c.number}</h1>
      <dl class="summary-list">
        <dt>Status</dt>
        <dd>
          <span class="status-tag">{STATUS_LABEL_PUBLIC[c.status] ?? c.status}</span>
        </dd>
        <dt>Typ</dt>
        <dd>{KIND_LABEL[c.kind]}</dd>
        <dt>Mottagen</dt>
        <dd>
          <time dateTime={c.received_at.toISOString()}>{formatLongDate(c.received_at)}</time>
        </dd>
      </dl>
      <h2>Det här skrev du</h2>
      <div class="inset">
        <p class="user-text" dir="auto">
          {c.description}
        </p>
      </div>
      <p>
        <a href="/">Till startsidan</a>
      </p>
    </Layout>
  );
}
