import type PDFKit from 'pdfkit';

/**
 * PDFKit, loaded with the first PDF rather than when the server starts: it holds tens of MB the
 * citizen form and the case lists never need (the server stays under 200 MB, see bench/submissions.ts).
 */
export async function loadPdfKit(): Promise<typeof PDFKit> {
  return (await import('pdfkit')).default;
}
