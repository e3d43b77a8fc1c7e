import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/schema.ts';
import { loadCaseDetail } from '../../src/modules/cases/detailQueries.ts';
import { COUNT_CAP, countCasesUpTo, listCases } from '../../src/modules/cases/listQueries.ts';
import { swedishDate } from '../../src/platform/clock.ts';
import type { Subject } from './caseHandlingSubject.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const BIG_TABLES = new Set(['cases', 'case_events', 'case_contacts', 'messages']);

/** Runs each query the pages make under EXPLAIN ANALYZE and prints how it reaches the big tables. */
export async function explainAll(url: string, subject: Subject): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const captured: CompiledQuery[] = [];
  const logging = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push(e.query);
    },
  });
  const problems: string[] = [];
  const explain = async (label: string, q: CompiledQuery) => {
    await pool.query(q.sql, q.parameters as unknown[]); // warm
    const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, q.parameters as unknown[]);
    const top = (rows[0]['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }[])[0]!;
    const access: string[] = [];
    let read = 0;
    const walk = (n: PlanNode) => {
      if (n['Relation Name'] && BIG_TABLES.has(n['Relation Name'])) {
        const how = `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''} on ${n['Relation Name']}`;
        if (!access.includes(how)) access.push(how);
        if (n['Node Type'] === 'Seq Scan') problems.push(`${label}: ${how}`);
        if (n['Relation Name'] === 'cases') read += ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * (n['Actual Loops'] ?? 1);
      }
      if (n['Node Type'] === 'Bitmap Index Scan' && n['Index Name']?.startsWith('cases')) {
        const how = `Bitmap Index Scan ${n['Index Name']}`;
        if (!access.includes(how)) access.push(how);
      }
      for (const c of n.Plans ?? []) walk(c);
    };
    walk(top.Plan);
    const seq = access.some((a) => a.startsWith('Seq Scan'));
    console.log(`  ${label.padEnd(44)} ${top['Execution Time'].toFixed(2).padStart(7)} ms + plan ${top['Planning Time'].toFixed(2).padStart(5)} ms  ${read > 0 ? `${read} case rows read; ` : ''}${access.join(', ') || 'small tables only'}${seq ? '  ← SEQUENTIAL SCAN' : ''}`);
  };

  try {
    const today = swedishDate(new Date());
    for (const s of subject.scenarios) {
      captured.length = 0;
      // The handler's page: the list and its capped count in one statement.
      await listCases(logging, subject.actor, { filter: s.filter, sort: s.sort, page: s.page, pageSize: 50, today, countUpTo: COUNT_CAP });
      for (const q of captured) await explain(`list + count: ${s.label}`, q);
    }
    for (const o of subject.others) {
      for (const f of o.filters) {
        captured.length = 0;
        await listCases(logging, o.actor, { filter: f.filter, pageSize: 50, today });
        await countCasesUpTo(logging, o.actor, f.filter, today);
        const [list, count] = captured as [CompiledQuery, CompiledQuery];
        await explain(`${o.label.split(' ')[0]} list: ${f.label}`, list);
        await explain(`${o.label.split(' ')[0]} count: ${f.label}`, count);
      }
    }
    captured.length = 0;
    await loadCaseDetail(logging, subject.actor, subject.numbers[0]!);
    // They run in parallel, so name each by the table it reads.
    for (const q of captured) await explain(`case page: ${/from "(\w+)"/.exec(q.sql)?.[1] ?? '?'}`, q);
  } finally {
    await logging.destroy();
  }
  if (problems.length) console.log(`\n  Sequential scans of big tables:\n${problems.map((p) => `    ${p}`).join('\n')}`);
  else console.log('\n  No sequential scan of cases, case_events, case_contacts or messages.');
  return problems;
}
