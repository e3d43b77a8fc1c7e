// A disposal run carried out in a process of its own, as the job runner (npm run worker) does it,
// for bench/disposal.ts: the app's list requests are measured in another process meanwhile.
import { createDb } from '../src/db/database.ts';
import { processRun } from '../src/modules/retention/disposal.ts';

const db = createDb(process.env.BENCH_DATABASE_URL!, 2);
const t0 = performance.now();
let batches = 0;
const r = await processRun(db, process.env.BENCH_RUN_ID!, { now: () => new Date(), onBatch: () => void batches++ });
const ms = performance.now() - t0;
await db.destroy();
process.send!({ type: 'done', disposed: r.disposed, batches, ms }, () => process.disconnect());
