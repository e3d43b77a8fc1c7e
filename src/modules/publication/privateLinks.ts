import { STATUS_TOKEN } from '../cases/statusToken.ts';

/**
 * The submitter's status link (`/arende/<token>`) opens their whole case with its personal data,
 * so it must never be in a public text, whatever host or scheme it was written with.
 */
const STATUS_LINK = new RegExp(`/arende/${STATUS_TOKEN}(?![A-Za-z0-9_-])`);

export const hasPrivateLink = (text: string) => STATUS_LINK.test(text);
