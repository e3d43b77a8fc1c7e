import { autoPseudonymisePass } from '../gdpr/pseudonymise.ts';
import type { DailyStep } from './jobs.ts';

/** The records modules' daily chores, run by the retention_daily tick after the notice. */
export const RECORDS_DAILY: readonly DailyStep[] = [autoPseudonymisePass];
