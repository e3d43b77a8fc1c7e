import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No page writes text of its own: every word comes from the catalogue, so every citizen page can
 * be read in every language and the staff pages can be translated later. Which views are citizen
 * views is found, not listed: every .tsx file reachable through imports from a route file that
 * calls citizenArea(), so a new citizen page is checked the day it is added. Every other .tsx file
 * is a staff view, checked the same way (its words in locales/staff/sv/*.json).
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');

/** Staff-only views, and route files that also write staff text, reached from a citizen route file. */
const STAFF_VIEWS = new Set(['src/modules/statistics/views/StatisticsPage.tsx', 'src/modules/statistics/views/ReportPage.tsx', 'src/modules/statistics/routes.tsx']);

/** Attributes whose value a person reads (or hears). */
const TEXT_ATTRIBUTES = new Set(['label', 'legend', 'hint', 'title', 'aria-label', 'alt', 'placeholder', 'message', 'summary']);
const LETTER = /\p{L}/u;
const SWEDISH = /[åäöÅÄÖ]/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const source = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

function relativeImports(sf: ts.SourceFile): string[] {
  return sf.statements
    .filter(ts.isImportDeclaration)
    .filter((d) => !d.importClause?.isTypeOnly)
    .map((d) => (d.moduleSpecifier as ts.StringLiteral).text)
    .filter((m) => m.startsWith('.') && m.endsWith('.tsx'))
    .map((m) => resolve(dirname(sf.fileName), m));
}

/** Every .tsx file reachable from the route files that make citizen pages. */
function citizenViews(): string[] {
  const routeFiles = files(SRC).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && /\bcitizenArea\(app\)/.test(readFileSync(f, 'utf8')));
  const seen = new Set<string>();
  const queue = routeFiles.flatMap((f) => [f, ...relativeImports(source(f))]).filter((f) => f.endsWith('.tsx'));
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f) || STAFF_VIEWS.has(relative(ROOT, f))) continue;
    seen.add(f);
    queue.push(...relativeImports(source(f)));
  }
  return [...seen].sort();
}

/** Text written into the markup itself, with file:line. */
function hardCodedText(file: string, text = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (n: ts.Node, t: string) => found.push(`${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${JSON.stringify(t.trim().slice(0, 60))}`);
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n) && LETTER.test(n.text)) at(n, n.text);
    else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      // A template's pieces belong to the expression the whole template stands in.
      let holder: ts.Node = n.parent;
      if (ts.isTemplateSpan(holder)) holder = holder.parent;
      if (ts.isTemplateExpression(holder)) holder = holder.parent;
      const attribute = ts.isJsxAttribute(holder) ? holder : ts.isJsxExpression(holder) && ts.isJsxAttribute(holder.parent) ? holder.parent : undefined;
      const readable = attribute ? TEXT_ATTRIBUTES.has(attribute.name.getText()) : ts.isJsxExpression(holder);
      if (SWEDISH.test(n.text) || (readable && LETTER.test(n.text))) at(n, n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('citizen views', () => {
  const views = citizenViews();

  it('are found from the citizen route files (start page, form, receipt, status page, public statistics, error pages)', () => {
    const names = views.map((f) => relative(ROOT, f));
    for (const expected of [
      'src/platform/views/layout.tsx',
      'src/platform/views/ErrorPage.tsx',
      'src/platform/views/forms.tsx',
      'src/modules/intake/views/StartPage.tsx',
      'src/modules/intake/views/FormPage.tsx',
      'src/modules/intake/views/ReceiptPage.tsx',
      'src/modules/intake/views/StatusPage.tsx',
      'src/modules/statistics/views/PublicPage.tsx',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('contain no text of their own: every word comes from the catalogue', () => {
    expect(views.flatMap((f) => hardCodedText(f))).toEqual([]);
  });

  it('the check finds text, readable attributes, visible strings and Swedish words written into markup', () => {
    const sample = `export const A = () => <p title="Hjälp">Hej du<span>{'Skicka'}</span><input label={\`Namn \${1}\`} class="field" id="x" /></p>;\nconst b = 'måste';`;
    const found = hardCodedText(join(SRC, 'sample.tsx'), sample);
    expect(found.map((f) => f.replace(/^[^:]+:\d+: /, ''))).toEqual(['"Hjälp"', '"Hej du"', '"Skicka"', '"Namn"', '"måste"']);
    expect(hardCodedText(join(SRC, 'sample.tsx'), `export const B = ({ t }) => <p class="lead" id="a">{t('start.intro')}</p>;`)).toEqual([]);
  });
});

describe('staff views', () => {
  const citizen = new Set(citizenViews());
  const staff = files(SRC).filter((f) => f.endsWith('.tsx') && !/\.test\.tsx$/.test(f) && !citizen.has(f));

  it('contain no text of their own: every word comes from the staff catalogue', () => {
    expect(staff.flatMap((f) => hardCodedText(f))).toEqual([]);
  });
});
