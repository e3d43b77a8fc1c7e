import { common, error, parameters, type PathItem } from '../api/openapiParts.ts';
import { numberParamsSchema } from '../api/schemas.ts';

/** The diarium hand-over in the OpenAPI document. */
export function diariumOpenApi(): { paths: Record<string, PathItem> } {
  return {
    paths: {
      '/cases/{number}/export': {
        post: {
          operationId: 'exportCase',
          summary: 'Hand a case over to the diarium as a package',
          description:
            'A zip with one folder named after the case number: arende.xml (the case record, the e-archive’s lyhord-case.xsd), arende.pdf (PDF/A-2b), meddelanden/ (mail sent, as .eml with the headers it was sent with; letters, calls and mail never sent as .txt) and inkommande/ (mail received, .eml), bilagor/ (the attachments as they came) and SHA256SUMS. It holds personal data. Each call is recorded in the case’s history with the package’s SHA-256 and announced as the webhook event case.exported. For registrar, coordinator and admin keys. No request body.',
          tags: ['cases'],
          parameters: parameters(numberParamsSchema, 'path'),
          responses: {
            200: {
              description: 'The package.',
              content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
              headers: {
                'Content-Disposition': { description: 'attachment; filename="<number>.zip"', schema: { type: 'string' } },
                'Repr-Digest': { description: 'The zip’s SHA-256 (RFC 9530), as recorded in the case’s history.', schema: { type: 'string' } },
              },
            },
            403: error('The key’s role may not hand cases over (readers, handlers, unit admins, archivists).'),
            404: error('No such case, or not one the key may see.'),
            410: error('The case has been disposed of.'),
            ...common,
          },
        },
      },
    },
  };
}
