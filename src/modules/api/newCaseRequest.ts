import type { FastifyRequest } from 'fastify';
import { isLanguage, translator } from '../../platform/i18n/catalogue.ts';
import { containsNul, nulRefused } from '../../platform/inputGuards.ts';
import { fileErrorText, readMultipartForm, type UploadedFile } from '../intake/attachments.ts';
import { newCaseSchema, type NewCaseBody } from './schemas.ts';
import { check, compileBody, invalid } from './validation.ts';

const validateBody = compileBody(newCaseSchema);
const KNOWN_PARTS = new Set(['case']);

/**
 * The body of POST /cases: JSON, or multipart/form-data with the same JSON in a part named
 * `case` and the person's files in parts named `attachments`. Files follow the web form's rules
 * (intake/attachments.ts: at most 3, 10 MB each, type checked by content); any problem with them
 * is one field error, and nothing is stored.
 */
export async function readNewCaseRequest(req: FastifyRequest): Promise<{ body: NewCaseBody; files: UploadedFile[] }> {
  if (!req.isMultipart()) return { body: check<NewCaseBody>(validateBody, req.body), files: [] };
  const form = await readMultipartForm(req);
  if (containsNul(form.fields)) throw nulRefused();
  const unknown = Object.keys(form.fields).filter((k) => !KNOWN_PARTS.has(k));
  if (unknown.length > 0) throw invalid(Object.fromEntries(unknown.map((k) => [k, 'Okänd del. Skicka synpunkten i delen case och filerna i delar som heter attachments.'])));
  const raw = form.fields.case;
  if (typeof raw !== 'string') throw invalid({ case: 'Skicka synpunkten som JSON i en del som heter case (en gång).' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid({ case: 'Delen case är inte giltig JSON.' });
  }
  // The part's JSON may spell NUL as an escape, which the check of the raw part does not see.
  if (containsNul(parsed)) throw nulRefused();
  const body = check<NewCaseBody>(validateBody, parsed);
  // Worded as the web form words it, in the person's language when the e-service says which: the platform may show it to them.
  const language = body.language?.toLowerCase();
  if (form.fileProblems.length > 0) throw invalid({ attachments: fileErrorText(form.fileProblems, translator(isLanguage(language) ? language : undefined)) });
  return { body, files: form.files };
}
