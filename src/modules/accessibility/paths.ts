/** The citizen page and the admin page of the accessibility statement. */
export const STATEMENT_PATH = '/tillganglighet';
export const STATEMENT_ADMIN_PATH = '/admin/tillganglighet';
