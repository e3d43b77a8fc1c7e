import type { CaseDetail } from '../cases/detailQueries.ts';
import { EVENT_LABEL } from '../cases/lifecycle.ts';
import type { listCases } from '../cases/listQueries.ts';
import { can, type Actor } from '../cases/policy.ts';
import { API_EVENTS } from './schemas.ts';
import type { ConversationItem } from '../mailin/conversation.ts';

/**
 * The case as JSON, shaped by caseSchema in schemas.ts (the route's response schema enforces it).
 * Only what loadCaseDetail let this actor see: the contact is left out entirely for roles that
 * may not see personal data, and internal notes appear as events without their text.
 */

const ref = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `messages`: the conversation (modules/mailin), loaded by the caller only for roles that may see personal data. */
export function caseJson(actor: Actor, d: CaseDetail, messages?: readonly ConversationItem[]) {
  const c = d.case;
  const mayContact = can(actor, 'view_contact', d.policy);
  return {
    number: c.number,
    status: c.status,
    kind: c.kind,
    channel: c.channel,
    // The submitter's own words and the place they named are personal data, like the contact.
    description: mayContact ? c.description : null,
    receivedAt: c.received_at.toISOString(),
    anonymous: c.anonymous,
    internal: c.is_internal,
    publicationOptOut: c.publication_opt_out,
    quick: c.is_quick,
    confidential: c.confidential,
    confidentialityRef: c.confidentiality_ref,
    significance: c.significance,
    area: ref(c.area_id, c.area_name),
    subcategory: ref(c.subcategory_id, c.subcategory_name),
    suggestedUnit: ref(c.suggested_unit_id, c.suggested_unit_name),
    unit: ref(c.unit_id, c.unit_name),
    handler: ref(c.handler_id, c.handler_name),
    outcome: c.outcome,
    referralType: c.referral_type,
    mergedInto: c.merged_into_number,
    registeredAt: iso(c.registered_at),
    firstAnsweredAt: iso(c.first_answered_at),
    closedAt: iso(c.closed_at),
    acknowledgeBy: c.acknowledge_by,
    answerBy: c.answer_by,
    version: c.version,
    updatedAt: c.updated_at.toISOString(),
    language: c.language,
    place: mayContact && (c.latitude !== null || c.location) ? { latitude: c.latitude, longitude: c.longitude, address: c.location } : null,
    mediaUrl: c.media_url,
    allowedEvents: API_EVENTS.filter((e) => can(actor, e, d.policy)),
    ...(mayContact
      ? {
          contact: d.contact
            ? { name: d.contact.name, email: d.contact.email, phone: d.contact.phone, address: d.contact.address, replyChannel: d.contact.reply_channel }
            : null,
        }
      : {}),
    ...(mayContact && messages ? { messages: messages.map(messageJson) } : {}),
    events: d.events.map((e) => ({
      type: e.type,
      label: EVENT_LABEL[e.type as keyof typeof EVENT_LABEL] ?? e.type,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      at: e.occurred_at.toISOString(),
      actor: e.actor_label,
    })),
  };
}

/** One message of the conversation; the body without quoted text and signature (the case page shows all of it), cut like the page's. */
function messageJson(m: ConversationItem) {
  return {
    id: m.id,
    direction: m.direction,
    channel: m.channel,
    from: m.from,
    to: m.to,
    subject: m.subject,
    body: m.bodyStripped,
    bodyTruncated: m.bodyStrippedCut,
    at: m.at.toISOString(),
    deliveryStatus: m.deliveryStatus,
    attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
  };
}

type ListRow = Awaited<ReturnType<typeof listCases>>['rows'][number];

/** `excerpts`: whether this actor may read the submitters' text in a list (mayReadExcerpts); confidential cases never show it. */
export function caseSummaryJson(r: ListRow, excerpts: boolean) {
  return {
    number: r.number,
    status: r.status,
    kind: r.kind,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    answerBy: r.answer_by,
    confidential: r.confidential,
    internal: r.is_internal,
    area: r.area_name,
    unit: ref(r.unit_id, r.unit_name),
    handler: ref(r.handler_id, r.handler_name),
    excerpt: excerpts && !r.confidential ? r.excerpt : null,
  };
}
