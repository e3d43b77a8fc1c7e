import type { TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, DEMO, submitCase } from '../../../test/staffCases.ts';
import { answerCase, closeCase } from '../cases/commands.ts';
import { publish } from './commands.ts';

/**
 * Cases for the publication tests, made the way they come about: a citizen posts the form, the
 * registrar and coordinator route it, the handler answers (and, when asked, closes it).
 */

export const QUESTION = 'Snöröjningen på Ågatan har inte gjorts på en vecka. Ring mig på 070-123 45 67 eller skriv till asa@example.se.';
export const ANSWER = 'Tack för att du hörde av dig. Snöröjningen på Ågatan är gjord nu. Kontakta oss gärna igen på 070-123 45 67 om det behövs.';

export interface CaseOptions {
  description?: string;
  answer?: string;
  fields?: Record<string, string>;
  close?: boolean;
  handler?: string;
  unit?: string;
  subcategory?: string;
}

export async function answeredCase(t: TestContext, opts: CaseOptions = {}) {
  const { number, token } = await submitCase(t, { description: opts.description ?? QUESTION, ...opts.fields });
  const handler = opts.handler ?? DEMO.handlerGata;
  await assignedTo(t, number, opts.unit ?? 'Gata och park', handler, { subcategory: opts.subcategory });
  const deps = await caseDeps(t);
  const actor = await actorFor(t, handler);
  await answerCase(deps, { actor, number, message: { channel: 'email', body: opts.answer ?? ANSWER } });
  if (opts.close) await closeCase(deps, { actor, number, outcome: 'measure_taken' });
  return { number, token };
}

/** An answered case published straight away with the given public text, by its handler, who has reviewed it. */
export async function publishedCase(t: TestContext, text: { title: string; question: string; answer: string }, opts: CaseOptions = {}) {
  const c = await answeredCase(t, { description: text.question, answer: text.answer, ...opts });
  await publish(await caseDeps(t), { actor: await actorFor(t, opts.handler ?? DEMO.handlerGata), number: c.number, revision: 0, text, choices: {}, confirmRemaining: true });
  return c;
}

/** The hidden and visible fields of the draft form on a publish page, as a browser would post them back. */
export function draftFormFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  const form = html.match(/<form method="post" action="[^"]+\/publicera"[\s\S]*?<\/form>/)?.[0] ?? '';
  const add = (name: string, value: string) => {
    const prev = fields[name];
    fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  };
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = attrs.match(/name="([^"]*)"/)?.[1];
    const value = unescape(attrs.match(/value="([^"]*)"/)?.[1] ?? '');
    const type = attrs.match(/type="([^"]*)"/)?.[1] ?? 'text';
    if (!name || name === '_csrf') continue;
    if (type === 'checkbox' && !/\schecked/.test(` ${attrs}`)) continue;
    add(name, value);
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(m[1]!, unescape(m[2]!));
  for (const m of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = m[2]!.match(/<option value="([^"]*)"[^>]*selected/)?.[1] ?? m[2]!.match(/<option value="([^"]*)"/)?.[1] ?? '';
    add(m[1]!, selected);
  }
  return fields;
}
