// The ALTCHA widget on the citizen form, from our own origin: the widget (altcha/external, no
// inline workers or styles, so the Content-Security-Policy stays 'self'), its PBKDF2 worker, and
// the words in the page's language from our own catalogue. Without JavaScript none of this runs
// and the form is sent as it is.
const widget = document.querySelector('altcha-widget[data-strings]');
if (widget) {
  // The form's own address carries the organization's path (/o/<slug>/synpunkt), so the
  // challenge comes from beside it. Set before the element comes to life, so it asks there first.
  widget.setAttribute('challenge', `${widget.closest('form').getAttribute('action')}/utmaning`);
  await import('/assets/altcha/altcha.js');
  const altcha = globalThis.$altcha;
  altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker('/assets/altcha/pbkdf2.js'));
  altcha.i18n.set(widget.getAttribute('language'), JSON.parse(widget.dataset.strings));
}
