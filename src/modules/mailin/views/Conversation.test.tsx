import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { MessagePurpose } from '../../../db/schema.ts';
import type { ConversationItem } from '../conversation.ts';
import { Conversation } from './Conversation.tsx';

const out = (purpose: string | null): ConversationItem => ({
  id: purpose ?? 'none',
  direction: 'out',
  channel: 'email',
  from: null,
  fromName: null,
  to: 'asa@example.se',
  subject: 'Ämne',
  body: 'Text',
  bodyStripped: 'Text',
  bodyCut: false,
  bodyStrippedCut: false,
  at: new Date('2026-12-03T14:57:00Z'),
  deliveryStatus: 'sent',
  lastError: null,
  purpose,
  authorName: null,
  outcome: null,
  warnings: [],
  needsAttention: false,
  attachments: [],
});

const headingOf = (purpose: string | null) => {
  const html = render(<Conversation number="SYN-2026-00001" items={[out(purpose)]} showText />);
  return html.match(/<h3>([\s\S]*?)<\/h3>/)![1]!.replace(/<[^>]+>/g, '');
};

describe('the conversation headings', () => {
  it('name every kind of message to the submitter once, as a phrase, with channel and time', () => {
    const expected: Record<Exclude<MessagePurpose, 'reminder' | 'escalation' | 'digest' | 'invitation'>, string> = {
      acknowledgement: 'Mottagningsbekräftelse till synpunktslämnaren',
      answer: 'Svar till synpunktslämnaren',
      question: 'Fråga till synpunktslämnaren',
      delay_notice: 'Besked om försening till synpunktslämnaren',
      referral: 'Hänvisning till synpunktslämnaren',
      not_handled: 'Besked till synpunktslämnaren om att synpunkten inte handläggs',
      other: 'Meddelande till synpunktslämnaren',
    };
    for (const [purpose, what] of Object.entries(expected)) {
      const heading = headingOf(purpose);
      expect(heading).toBe(`${what}, e-post, 2026-12-03 15:57`);
      expect(heading.match(/synpunktslämnaren/g)).toHaveLength(1);
    }
    expect(headingOf(null)).toBe('Meddelande till synpunktslämnaren, e-post, 2026-12-03 15:57');
  });
});
