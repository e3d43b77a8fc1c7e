import { describe, expect, it } from 'vitest';
import { rolesFromGroups } from '../sso/oidc.ts';
import {
  adminScope,
  canChangeUnit,
  canCreateUnitUnder,
  canEnterAdmin,
  canGrant,
  canManageOrganizations,
  canManageOrganizationSettings,
  canManagePerson,
  canManageSubcategories,
  canManageTemplate,
  canMoveUnit,
  canSeeLogEntry,
  canSeePerson,
  type AdminActor,
} from './policy.ts';

const F1 = 'f1', A1 = 'a1', E1 = 'e1', F2 = 'f2', E2 = 'e2';
const pathE1 = [F1, A1, E1];
const pathE2 = [F2, E2];
const actor = (grants: AdminActor['grants'], installationAdmin = false): AdminActor => ({ kind: 'user', id: 'u', name: 'U', organizationId: 'o', grants, installationAdmin });

const orgAdmin = adminScope(actor([{ role: 'admin', unitId: null }]));
const unitAdmin = adminScope(actor([{ role: 'unit_admin', unitId: F1 }]));
const handler = adminScope(actor([{ role: 'handler', unitId: F1 }]));
const installation = adminScope(actor([{ role: 'reader', unitId: null }], true));

describe('admin policy', () => {
  it('lets in only those who administer something', () => {
    expect(canEnterAdmin(orgAdmin)).toBe(true);
    expect(canEnterAdmin(unitAdmin)).toBe(true);
    expect(canEnterAdmin(installation)).toBe(true);
    expect(canEnterAdmin(handler)).toBe(false);
  });

  it('keeps organizations to the installation admin and settings to the organization admin', () => {
    expect(canManageOrganizations(installation)).toBe(true);
    expect(canManageOrganizations(orgAdmin)).toBe(false);
    expect(canManageOrganizationSettings(orgAdmin)).toBe(true);
    expect(canManageOrganizationSettings(unitAdmin)).toBe(false);
    expect(canManageOrganizationSettings(installation)).toBe(false);
  });

  it('keeps a unit admin below their förvaltning', () => {
    expect(canChangeUnit(unitAdmin, pathE1)).toBe(true);
    expect(canChangeUnit(unitAdmin, [F1])).toBe(false);
    expect(canChangeUnit(unitAdmin, pathE2)).toBe(false);
    expect(canCreateUnitUnder(unitAdmin, [F1])).toBe(true);
    expect(canCreateUnitUnder(unitAdmin, null)).toBe(false);
    expect(canCreateUnitUnder(orgAdmin, null)).toBe(true);
    expect(canMoveUnit(unitAdmin, [F1, A1], [F2])).toBe(false);
    expect(canMoveUnit(unitAdmin, pathE1, [F1])).toBe(true);
  });

  it('lets a unit admin give working roles in the förvaltning only', () => {
    expect(canGrant(unitAdmin, 'handler', pathE1, false)).toBe(true);
    expect(canGrant(unitAdmin, 'handler', pathE2, false)).toBe(false);
    expect(canGrant(unitAdmin, 'admin', pathE1, false)).toBe(false);
    expect(canGrant(unitAdmin, 'registrar', pathE1, false)).toBe(false);
    expect(canGrant(unitAdmin, 'reader', null, false)).toBe(false);
    expect(canGrant(orgAdmin, 'admin', null, false)).toBe(true);
  });

  it('never lets a unit admin give roles to themselves, not even inside their förvaltning', () => {
    for (const role of ['handler', 'coordinator', 'unit_admin', 'reader'] as const) expect(canGrant(unitAdmin, role, pathE1, true), role).toBe(false);
    expect(canGrant(adminScope(actor([{ role: 'unit_admin', unitId: null }])), 'handler', pathE1, true)).toBe(false);
    // The organization admin already holds every power in the organization.
    expect(canGrant(orgAdmin, 'handler', pathE1, true)).toBe(true);
  });

  it('shows a person whose roles touch the förvaltning, and manages them only when all of them lie within', () => {
    expect(canSeePerson(unitAdmin, [pathE1, pathE2])).toBe(true);
    expect(canManagePerson(unitAdmin, [pathE1, pathE2])).toBe(false);
    expect(canManagePerson(unitAdmin, [pathE1])).toBe(true);
    expect(canSeePerson(unitAdmin, [null])).toBe(false);
    expect(canManagePerson(unitAdmin, [])).toBe(false);
    expect(canManagePerson(orgAdmin, [null])).toBe(true);
  });

  it('scopes subcategories, templates and the log to the förvaltning', () => {
    expect(canManageSubcategories(unitAdmin, F1)).toBe(true);
    expect(canManageSubcategories(unitAdmin, F2)).toBe(false);
    expect(canManageTemplate(unitAdmin, null)).toBe(false);
    expect(canManageTemplate(orgAdmin, null)).toBe(true);
    expect(canSeeLogEntry(unitAdmin, F1)).toBe(true);
    expect(canSeeLogEntry(unitAdmin, null)).toBe(false);
    expect(canSeeLogEntry(orgAdmin, null)).toBe(true);
  });
});

describe('group mapping', () => {
  it('gives each mapped role once, for groups the person is in', () => {
    const mapping = [
      { group: 'g1', role: 'handler' as const, unitId: E1 },
      { group: 'g2', role: 'handler' as const, unitId: E1 },
      { group: 'g3', role: 'admin' as const, unitId: null },
    ];
    expect(rolesFromGroups(mapping, ['g1', 'g2', 'x'])).toEqual([{ role: 'handler', unitId: E1 }]);
    expect(rolesFromGroups(mapping, [])).toEqual([]);
  });
});
