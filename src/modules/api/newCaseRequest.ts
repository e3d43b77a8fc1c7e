import type { FastifyRequest } from 'fastify';
import { isLanguage, translator } from '../../platform/i18n/catalogue.ts';
import { containsNul, nulRefused } from '../../platform/inputGuards.ts';
import { fileProblemText, readMultipartForm, type Unreadable, type UploadedFile } from '../intake/attachments.ts';
import { newCaseSchema, type NewCaseBody } from './schemas.ts';
import { check, compileBody, invalid } from './validation.ts';

const validateBody = compileBody(newCaseSchema);
const KNOWN_PARTS = new Set(['case']);
const PARTS = 'synpunkten skickas som JSON i delen case och filerna i delar som heter attachments';

/** A body the multipart reader gave up on, worded for the integration's developer (the form's words say "go back"). */
const unreadable = (why: Unreadable) =>
  invalid({
    '': why === 'json' ? 'Har en del med Content-Type: application/json som inte är giltig JSON.' : 'Gick inte att läsa som multipart/form-data: saknas boundary, eller är en del avkortad?',
  });

/** A part the API does not take, by name: a file in it would otherwise be dropped without a word. */
function unknownPart(name: string, hasFile: boolean): string {
  if (hasFile && name === 'case') return "Delen case ska vara text med JSON, inte en fil (med curl: -F 'case=<synpunkt.json;type=application/json').";
  return `Delen ”${name}” är okänd: ${PARTS}.`;
}

/**
 * The body of POST /cases: JSON, or multipart/form-data with the same JSON in a part named
 * `case` and the person's files in parts named `attachments`. Files follow the web form's rules
 * (intake/attachments.ts: at most 3, 10 MB each, type checked by content); any problem with them
 * is one field error, and nothing is stored. Any other part is refused by name.
 */
export async function readNewCaseRequest(req: FastifyRequest): Promise<{ body: NewCaseBody; files: UploadedFile[] }> {
  if (!req.isMultipart()) return { body: check<NewCaseBody>(validateBody, req.body), files: [] };
  const form = await readMultipartForm(req, unreadable);
  if (containsNul(form.fields)) throw nulRefused();
  const unknown = [
    ...Object.keys(form.fields)
      .filter((k) => !KNOWN_PARTS.has(k))
      .map((k) => [k, unknownPart(k, false)]),
    ...form.otherFileParts.map((k) => [k, unknownPart(k, true)]),
  ];
  if (unknown.length > 0) throw invalid(Object.fromEntries(unknown));
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
  // In the person's language when the e-service says which (the platform may show it to them), without the form's advice to choose the files again.
  const language = body.language?.toLowerCase();
  if (form.fileProblems.length > 0) throw invalid({ attachments: fileProblemText(form.fileProblems, translator(isLanguage(language) ? language : undefined)) });
  return { body, files: form.files };
}
