/** Links into the answers module, for the case page and others. */
export const answerPath = (caseNumber: string) => `/handlaggning/arenden/${encodeURIComponent(caseNumber)}/svara`;
export const messagePdfPath = (caseNumber: string, messageId: string) => `/handlaggning/arenden/${encodeURIComponent(caseNumber)}/meddelanden/${messageId}.pdf`;
export const casePath = (caseNumber: string) => `/handlaggning/arenden/${encodeURIComponent(caseNumber)}`;
