import nodemailer from 'nodemailer';
import pg from 'pg';
import { createDb, migrateToLatest } from '../src/db/database.ts';
import { freePort } from '../src/db/embedded.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { load } from './lib/load.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { startServer } from './lib/server.ts';

/**
 * Mail in: 1 000 mails, each with a small JPEG, through the SMTP receiver (SMTP dialogue, MIME
 * parsing, threading look-ups, case + contact + event + mail + file in one durable
 * transaction, 250 only after the commit), against the web form's rate measured in the same run
 * on the same server, pool and number of concurrent senders. Each mail comes from its own
 * sender, so none is held as a flood.
 */

const MAILS = Number(process.env.BENCH_MAILS ?? 1000);
const CONNECTIONS = 16;
const POOL_SIZE = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FORM_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
// A JPEG whose segments parse (the metadata stripper walks them), 4 kB in its JFIF segment.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x10, 0x07]), Buffer.from('JFIF\u0000'), Buffer.alloc(4096, 7), Buffer.from([0xff, 0xd9])]);
const TEXT =
  'Hej!\n\nGångvägen mellan skolan och idrottshallen är mörk på kvällarna eftersom flera lyktor är släckta. ' +
  'Barnen går där efter träningen och det känns otryggt. Jag bifogar en bild.\n\nMed vänlig hälsning\nÅsa Öberg\n';

let sent = 0;

async function sendMails(port: number, round: number): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: MAILS }, (_, i) =>
        transport.sendMail({
          from: `Åsa Öberg <asa.${round}.${i}@example.se>`,
          to: 'synpunkter@exempelkommun.se',
          subject: `Mörk gångväg (${round}-${i})`,
          text: TEXT,
          attachments: [{ filename: 'gangvagen.jpg', content: JPEG, contentType: 'image/jpeg' }],
        }).then((info) => {
          if (!/^250 /.test(String(info.response)) || !/new_case/.test(String(info.response))) throw new Error(`Unexpected answer: ${info.response}`);
          sent++;
        }),
      ),
    );
  } finally {
    transport.close();
  }
  return MAILS / ((performance.now() - started) / 1000);
}

let posted = 0;
function submission() {
  posted++;
  const body = new URLSearchParams({
    formId: `bench-inbound-${String(posted).padStart(12, '0')}`,
    kind: 'klagomal',
    description: `${TEXT} (${posted})`,
    unit: 'vet-inte',
    anonymous: 'false',
    name: 'Åsa Öberg',
    email: 'asa@example.se',
    phone: '',
    address: '',
    replyChannel: 'email',
  });
  return { method: 'POST', path: '/synpunkt', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
}

export async function run(): Promise<void> {
  const postgres = await startBenchPostgres();
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const url = await postgres.createDatabase('lyhord_inbound');
    const db = createDb(url, 2);
    await migrateToLatest(db);
    await seedDemoOrganization(db);
    await db.destroy();
    const smtpPort = await freePort();
    server = await startServer(new URL('./inboundServer.ts', import.meta.url), { BENCH_DATABASE_URL: url, BENCH_POOL_SIZE: String(POOL_SIZE), BENCH_SMTP_PORT: String(smtpPort) });

    console.log('Warming up …');
    await sendMails(smtpPort, 0);
    await load({ url: `${server.url}/synpunkt`, connections: CONNECTIONS, seconds: 3, request: submission, expectStatus: 303 });

    const rows: [number, number, number][] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await postgres.query('CHECKPOINT');
      const mailRate = await sendMails(smtpPort, round);
      await postgres.query('CHECKPOINT');
      const form = await load({ url: `${server.url}/synpunkt`, connections: CONNECTIONS, seconds: FORM_SECONDS, request: submission, expectStatus: 303 });
      rows.push([mailRate, form.rate, mailRate / form.rate]);
      console.log(`  round ${round}: mail ${mailRate.toFixed(0).padStart(5)} cases/s   web form ${form.rate.toFixed(0).padStart(5)} cases/s   ratio ${(mailRate / form.rate).toFixed(2)}`);
    }
    const { peakRss } = await server.stop();
    server = undefined;

    // Every mail answered 250 must be a case with its file and its raw message.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows: counts } = await client.query<{ mails: number; cases: number; files: number }>(
      `SELECT (SELECT count(*)::int FROM inbound_messages WHERE outcome = 'new_case' AND raw IS NOT NULL) AS mails,
              (SELECT count(*)::int FROM cases WHERE channel = 'email') AS cases,
              (SELECT count(*)::int FROM attachments WHERE inbound_message_id IS NOT NULL) AS files`,
    );
    await client.end();
    const c = counts[0]!;
    if (c.mails !== sent || c.cases !== sent || c.files !== sent) throw new Error(`${sent} mails accepted but ${c.mails} stored, ${c.cases} cases, ${c.files} files`);

    const mid = (i: 0 | 1 | 2) => [...rows.map((r) => r[i])].sort((a, b) => a - b)[Math.floor(rows.length / 2)]!;
    console.log(`\nMail in: ${MAILS} mails with a ${JPEG.length}-byte JPEG per round, ${CONNECTIONS} SMTP connections; web form ${CONNECTIONS} connections; pool ${POOL_SIZE}; durable commits`);
    console.log(`  median: mail ${mid(0).toFixed(0)} cases/s, web form ${mid(1).toFixed(0)} cases/s, ratio mail / web form ${mid(2).toFixed(2)}`);
    console.log(`  ${sent} mails accepted, each a case with its file and raw message; peak RSS of the server ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    server?.kill();
    await postgres.stop();
  }
}
