/**
 * The keys of the staff catalogue (locales/staff/sv/*.json): one line per area, so a typo in a
 * key fails the type check. A new area is a new file there and a new line here.
 */
type Keys<T> = Extract<keyof T, string>;

export type StaffKey =
  | Keys<typeof import('../../../locales/staff/sv/accessibility.json')>
  | Keys<typeof import('../../../locales/staff/sv/admin.json')>
  | Keys<typeof import('../../../locales/staff/sv/answers.json')>
  | Keys<typeof import('../../../locales/staff/sv/api.json')>
  | Keys<typeof import('../../../locales/staff/sv/auth.json')>
  | Keys<typeof import('../../../locales/staff/sv/backup.json')>
  | Keys<typeof import('../../../locales/staff/sv/cases.json')>
  | Keys<typeof import('../../../locales/staff/sv/deadlines.json')>
  | Keys<typeof import('../../../locales/staff/sv/diarium.json')>
  | Keys<typeof import('../../../locales/staff/sv/earchive.json')>
  | Keys<typeof import('../../../locales/staff/sv/forwarding.json')>
  | Keys<typeof import('../../../locales/staff/sv/gdpr.json')>
  | Keys<typeof import('../../../locales/staff/sv/legalHold.json')>
  | Keys<typeof import('../../../locales/staff/sv/mailin.json')>
  | Keys<typeof import('../../../locales/staff/sv/notifications.json')>
  | Keys<typeof import('../../../locales/staff/sv/publication.json')>
  | Keys<typeof import('../../../locales/staff/sv/registration.json')>
  | Keys<typeof import('../../../locales/staff/sv/retention.json')>
  | Keys<typeof import('../../../locales/staff/sv/sso.json')>
  | Keys<typeof import('../../../locales/staff/sv/staff.json')>
  | Keys<typeof import('../../../locales/staff/sv/statistics.json')>
  | Keys<typeof import('../../../locales/staff/sv/triage.json')>
  | Keys<typeof import('../../../locales/staff/sv/webhooks.json')>;
