import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../detailQueries.ts';
import { CaseHistory } from './CaseHistory.tsx';

const names = { unit: () => undefined, category: () => undefined, user: () => undefined };
const event = (data: Record<string, unknown>) =>
  ({ id: '1', type: 'deadline', from_status: null, to_status: null, actor_label: 'Lyhörd', occurred_at: new Date('2027-01-08T09:00:00Z'), visible_to_submitter: true, data }) as unknown as CaseDetail['events'][number];

describe('the case history', () => {
  it('shows a moved answer date as the old and the new date, and a pause in words', () => {
    const html = render(<CaseHistory events={[event({ from: '2027-01-12', to: '2027-01-15', pausedWorkingDays: 3, reason: 'paused' })]} names={names} showText />);
    expect(html).toContain('Tidigare svarsdatum');
    expect(html).toContain('12 januari 2027');
    expect(html).toContain('Nytt svarsdatum');
    expect(html).toContain('15 januari 2027');
    expect(html).toContain('Ärendet väntade på synpunktslämnaren i 3 arbetsdagar');
    expect(html).not.toMatch(/paused|2027-01-1/);
  });

  it('shows an extension with the reason the handler gave, to those who may read free text', () => {
    const data = { from: '2027-01-12', to: '2027-01-29', reason: 'Vi väntar på reservdelar.', extended: true };
    expect(render(<CaseHistory events={[event(data)]} names={names} showText />)).toContain('Vi väntar på reservdelar.');
    const hidden = render(<CaseHistory events={[event(data)]} names={names} showText={false} />);
    expect(hidden).not.toContain('reservdelar');
    expect(hidden).toContain('29 januari 2027');
  });
});
