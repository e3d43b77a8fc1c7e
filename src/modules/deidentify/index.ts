import { findAddresses } from './address.ts';
import { findBankAccounts } from './bank.ts';
import { findEmails } from './email.ts';
import { keepMatcher } from './keep.ts';
import { findNames } from './names.ts';
import { findIdentityNumbers } from './personnummer.ts';
import { findPhones } from './phone.ts';
import { redact } from './redact.ts';
import { resolveOverlaps } from './resolve.ts';
import { findVehicles } from './vehicle.ts';
import type { Finding } from './types.ts';

export type { Finding, FindingKind } from './types.ts';
export { FINDING_KINDS } from './types.ts';
export { LABELS, redact } from './redact.ts';

export interface DeidentifyOptions {
  /** The organization's own published contact details (switchboard, e-mail, visiting address): they stay. */
  keep?: string[];
}

const DETECTORS: ((text: string) => Finding[])[] = [findEmails, findIdentityNumbers, findPhones, findBankAccounts, findVehicles, findAddresses, findNames];

/** Finds personal data in free text. Offsets are UTF-16 code units into `text`. Pure. */
export function findPersonalData(text: string, opts: DeidentifyOptions = {}): Finding[] {
  const all = DETECTORS.flatMap((detect) => detect(text));
  const keep = keepMatcher(text, opts.keep);
  return resolveOverlaps(all.filter((f) => !keep.keeps(text, f)));
}

/**
 * Finds personal data and proposes the redacted text. A person reviews it: the findings are a
 * proposal, and `redact` applies a reviewed list to the original.
 */
export function deidentify(text: string, opts: DeidentifyOptions = {}): { text: string; findings: Finding[] } {
  const findings = findPersonalData(text, opts);
  return { text: redact(text, findings), findings };
}
