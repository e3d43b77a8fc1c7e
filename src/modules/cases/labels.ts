import type { CaseKind, Channel, ReplyChannel } from '../../db/schema.ts';
import { catalogueLabels } from './catalogueLabels.ts';
import { STATUSES, type Status } from './lifecycle.ts';

export const KINDS: readonly CaseKind[] = ['klagomal', 'fraga', 'berom', 'forslag'];

export const KIND_LABEL: Record<CaseKind, string> = catalogueLabels('cases.kind', KINDS);

export const REPLY_CHANNELS: readonly ReplyChannel[] = ['email', 'phone', 'letter', 'none'];

export const REPLY_CHANNEL_LABEL: Record<ReplyChannel, string> = catalogueLabels('cases.replyChannel', REPLY_CHANNELS);

const CHANNELS: readonly Channel[] = ['web', 'email', 'phone', 'letter', 'visit', 'social_media', 'sms', 'paper_form', 'internal', 'api', 'open311'];

export const CHANNEL_LABEL: Record<Channel, string> = catalogueLabels('cases.channel', CHANNELS);

/** Status as staff speak of it (the citizen's wording is status.public.* in the catalogue, locales/). */
export const STATUS_LABEL: Record<Status, string> = catalogueLabels('cases.status', STATUSES);

export const statusLabel = (s: string) => STATUS_LABEL[s as Status] ?? s;
