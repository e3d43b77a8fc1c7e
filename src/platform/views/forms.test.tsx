import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { ErrorSummary, Radios } from './forms.tsx';

describe('Radios', () => {
  it('gives the field hint and every option hint an id of its own, each described by its own hint', () => {
    const html = renderToString(
      <Radios
        name="kanal"
        legend="Hur vill du ha svar?"
        hint="Välj ett sätt."
        options={[
          { value: 'email', label: 'E-post', hint: 'Till din e-postadress.' },
          { value: 'letter', label: 'Brev', hint: 'Till din postadress.' },
        ]}
      />,
    );
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids).toEqual(expect.arrayContaining(['kanal-hint', 'kanal', 'kanal-email-hint', 'kanal-letter', 'kanal-letter-hint']));
    expect(html).toContain('<fieldset aria-describedby="kanal-hint">');
    expect(html).toMatch(/id="kanal" name="kanal" value="email" aria-describedby="kanal-email-hint"/);
    expect(html).toMatch(/id="kanal-letter" name="kanal" value="letter" aria-describedby="kanal-letter-hint"/);
  });
});

describe('ErrorSummary', () => {
  it('takes the focus when the page loads, without a script', () => {
    const html = renderToString(<ErrorSummary errors={{ namn: 'Skriv ditt namn' }} />);
    expect(html).toMatch(/<div class="error-summary" role="alert"[^>]* tabindex="-1" autofocus/);
    expect(html).toContain('<a href="#namn">Skriv ditt namn</a>');
  });
});
