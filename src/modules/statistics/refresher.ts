import type { Db } from '../../db/database.ts';
import { swedishDate, type Clock } from '../../platform/clock.ts';
import { refreshStatistics } from './rollup.ts';

/**
 * Keeps the monthly rollup fresh from inside the app: after statistics are read, at most once a
 * minute per process, in the background. Nothing depends on it for correctness (an invalid or
 * missing month is counted from case_stats); it only keeps large views fast. A cron job calling
 * refreshStatistics() does the same for installations that want it nightly.
 */
export class StatisticsRefresher {
  private running: Promise<void> | null = null;
  private last = 0;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly minIntervalMs = 60_000,
  ) {}

  kick(): void {
    if (this.running || Date.now() - this.last < this.minIntervalMs) return;
    this.last = Date.now();
    this.running = refreshStatistics(this.db, swedishDate(this.clock.now()))
      .then(() => undefined)
      .catch((err: Error) => console.warn(`Statistiken kunde inte sammanställas i bakgrunden: ${err.message}`))
      .finally(() => {
        this.running = null;
      });
  }

  /** Waits for a refresh in flight (on shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }
}
