import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, MAX_LINE, redactUrl, safeError, scrubText } from './logging.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination: destination as unknown as { write(s: string): void } };
}

describe('scrubText', () => {
  it('takes out e-mail addresses, personnummer, phone numbers and echoed input values', () => {
    expect(scrubText('5.1.1 <anna.svensson@exempel.se>: Recipient address rejected')).toBe('5.1.1 <[e-post]>: Recipient address rejected');
    expect(scrubText('pnr 19121212-1212 och 121212-1212')).toBe('pnr [siffror] och [siffror]');
    expect(scrubText('ring 070-123 45 67 eller +46 70 123 45 67')).toBe('ring [siffror] eller [siffror]');
    expect(scrubText('invalid input syntax for type uuid: "Åsa Öberg"')).toBe('invalid input syntax for type uuid: "[…]"');
  });

  it('keeps what an operator needs: identifiers, dates, constraint names, short numbers', () => {
    const text = 'duplicate key value violates unique constraint "cases_submission" at 2026-12-22 for 550e8400-e29b-41d4-a716-446655440000 in 250 ms on port 55180';
    expect(scrubText(text)).toBe(text);
  });

  it('cuts long texts', () => {
    expect(scrubText('x'.repeat(5000)).length).toBe(1000);
  });
});

describe('safeError', () => {
  it('keeps the kind, code and stack frames, and scrubs the text (the first stack line repeats it)', () => {
    const err = Object.assign(new Error('Mottagaren kalle@exempel.se finns inte', { cause: new TypeError('bad 19121212-1212') }), { code: 'EENVELOPE' });
    const safe = safeError(err);
    expect(safe).toMatchObject({ type: 'Error', code: 'EENVELOPE', message: 'Mottagaren [e-post] finns inte', cause: { type: 'TypeError', message: 'bad [siffror]' } });
    expect(JSON.stringify(safe)).not.toContain('kalle');
    expect((safe.stack as string[])[0]).toMatch(/^at /);
  });
});

describe('redactUrl', () => {
  it('replaces the secrets in paths: status tokens, receipt ids and invitation tokens', () => {
    expect(redactUrl('/arende/abc/svar')).toBe('/arende/[token]/svar');
    expect(redactUrl('/o/annan/synpunkt/kvitto/abc')).toBe('/o/annan/synpunkt/kvitto/[token]');
    expect(redactUrl('/inbjudan/abc?x=1')).toBe('/inbjudan/[token]?x=1');
    expect(redactUrl('/handlaggning/arenden/SYN-2026-00001')).toBe('/handlaggning/arenden/SYN-2026-00001');
  });
});

describe('createLogger', () => {
  it('censors personal data and secrets under any key a caller uses, and scrubs messages', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', destination });
    log.info({ body: { name: 'Åsa' }, email: 'asa@example.se', req: { method: 'POST', url: '/arende/hemlig?x=1', headers: { cookie: 'sid=1' } }, user: { name: 'Åsa Öberg', phone: '0701234567' } }, 'submitted by asa@example.se');
    log.error({ err: new Error('failed for 19121212-1212') }, 'boom');
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({ body: '[dolt]', email: '[dolt]', req: { method: 'POST', path: '/arende/[token]' }, user: { name: '[dolt]', phone: '[dolt]' }, msg: 'submitted by [e-post]' });
    expect(lines[0]).not.toMatch(/Åsa|asa@|sid=1|hemlig|0701234567/);
    expect(second.err.message).toBe('failed for [siffror]');
  });

  it('never writes a line longer than MAX_LINE, however much a caller passes', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', destination });
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`field${i}`, 'y'.repeat(999)]));
    log.info(many, 'large');
    log.info({ huge: 'z'.repeat(2_000_000) }, 'huge');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'large', truncated: expect.any(Number) });
    expect(JSON.parse(lines[1]!).huge).toHaveLength(1001);
  });

  it('writes readable lines with LOG_FORMAT=pretty', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', format: 'pretty', destination }).info({ route: '/synpunkt' }, 'request for kalle@exempel.se');
    expect(lines.join('\n')).toMatch(/INFO.*request for \[e-post\]/);
    expect(lines.join('\n')).toContain('"route":"/synpunkt"');
  });

  it('shows a request on one line with LOG_FORMAT=pretty', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', format: 'pretty', destination }).info({ reqId: 'r1', route: '/arende/:token', method: 'GET', path: '/arende/[dolt]', status: 200, ms: 3.1 }, 'request');
    const text = lines.join('');
    expect(text).toMatch(/INFO: GET \/arende\/\[dolt\] → 200 \(3\.1 ms\) \{"reqId":"r1","route":"\/arende\/:token"\}\n?$/);
  });
});
