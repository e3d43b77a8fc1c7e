import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../modules/cases/policy.ts';
import { StaffLayout } from './StaffLayout.tsx';

const actor = (grants: Actor['grants']): Actor => ({ kind: 'user', id: 'u1', name: 'Rut Registrator', organizationId: 'o1', grants });
const menu = (a: Actor) =>
  [...renderToString(<StaffLayout title="T" orgName="Exempelkommun" actor={a} csrf="x">{null}</StaffLayout>).matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);

describe('the staff menu', () => {
  it('offers held mail to the organization-wide registrar, whose inbox mail lands in, and not to a registrar of one unit (the page would be a 404)', () => {
    expect(menu(actor([{ role: 'registrar', unitId: null }]))).toContain('/handlaggning/e-post');
    expect(menu(actor([{ role: 'registrar', unitId: 'unit-1' }]))).not.toContain('/handlaggning/e-post');
    expect(menu(actor([{ role: 'handler', unitId: 'unit-1' }]))).not.toContain('/handlaggning/e-post');
  });
});
