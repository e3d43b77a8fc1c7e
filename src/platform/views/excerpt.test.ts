import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt.ts';

describe('excerpt', () => {
  it('leaves a whole text as it is', () => {
    expect(excerpt('Lampan är trasig.', false)).toBe('Lampan är trasig.');
  });

  it('ends a cut text at its last whole word, with an ellipsis', () => {
    expect(excerpt('Bilarna svänger ut mot cykelbanan för att undvika dem, och det är farligt fö', true)).toBe('Bilarna svänger ut mot cykelbanan för att undvika dem, och det är farligt …');
    expect(excerpt('Gångvägen är mörk på kvällarna, och barnen går där, ', true)).toBe('Gångvägen är mörk på kvällarna, och barnen går där …');
  });

  it('keeps a long word rather than dropping most of the text', () => {
    expect(excerpt('Kort https://exempel.se/en/mycket/lang/adress/som/inte/tar/slut', true)).toBe('Kort https://exempel.se/en/mycket/lang/adress/som/inte/tar/slut …');
  });
});
