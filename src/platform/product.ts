/** The product's own name: the sender of system events and the organization name on pages that belong to none. */
export const PRODUCT_NAME = 'Lyhörd';
