/** What kind of personal data a finding is. */
export type FindingKind =
  | 'name'
  | 'personnummer'
  | 'samordningsnummer'
  | 'phone'
  | 'email'
  | 'address'
  | 'postal_code'
  | 'vehicle'
  | 'bank_account';

/** A span of the input that holds personal data: UTF-16 offsets, end exclusive. */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
}

export const FINDING_KINDS: readonly FindingKind[] = [
  'name',
  'personnummer',
  'samordningsnummer',
  'phone',
  'email',
  'address',
  'postal_code',
  'vehicle',
  'bank_account',
];
