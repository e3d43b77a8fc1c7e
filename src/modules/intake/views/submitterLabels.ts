/**
 * The case's history as the submitter reads it: plain Swedish, addressed to them. Only event
 * types listed here are shown; anything else (notes, measures, links) never reaches the page.
 */
export const SUBMITTER_EVENT_LABEL: Record<string, string> = {
  received: 'Vi tog emot din synpunkt',
  register: 'Din synpunkt registrerades och skickades till rätt verksamhet',
  assign: 'En handläggare fick ansvar för din synpunkt',
  start: 'Handläggaren började arbeta med din synpunkt',
  wait: 'Vi väntar på svar från dig',
  resume: 'Arbetet med din synpunkt fortsatte',
  answer: 'Vi svarade dig',
  close: 'Ärendet avslutades',
  reopen: 'Ärendet öppnades igen',
  refer: 'Din synpunkt hänvisades dit den hör hemma',
  reject: 'Din synpunkt handläggs inte',
  merge: 'Din synpunkt slogs ihop med ett annat ärende om samma sak',
  withdraw: 'Synpunkten återkallades',
  quick_close: 'Din synpunkt registrerades, besvarades och avslutades direkt',
  deadline: 'Vi flyttade datumet då du kan vänta dig svar',
};

export const SUBMITTER_MESSAGE_HEADING = {
  answer: { email: 'Svar med e-post', letter: 'Svar med brev', phone: 'Vi ringde dig' },
  referral: { email: 'Besked med e-post om vart du ska vända dig', letter: 'Besked med brev om vart du ska vända dig', phone: 'Vi ringde dig' },
  not_handled: { email: 'Besked med e-post', letter: 'Besked med brev', phone: 'Vi ringde dig' },
} as const;
