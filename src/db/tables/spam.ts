/** Spam protection of the citizen form (modules/spam). */
export interface AltchaSpentTable {
  id: string;
  expires_at: Date;
}

export interface SubmissionRateTable {
  key: Buffer;
  window_start: Date;
  count: number;
}
