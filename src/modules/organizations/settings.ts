import type { Organization, OrganizationSettings } from '../../db/schema.ts';

export const DEFAULT_ANSWER_WORKING_DAYS = 10;

/** Settings with defaults filled in, so views never deal with missing values. */
export function orgSettings(org: Organization): Required<Pick<OrganizationSettings, 'answerWorkingDays'>> & OrganizationSettings {
  return { answerWorkingDays: DEFAULT_ANSWER_WORKING_DAYS, ...org.settings };
}
