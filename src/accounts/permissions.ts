import { StaffRole } from './staff-account.entity';

/**
 * The permission matrix for staff actions, in one place. Ballot holders act through their secret link
 * and the public sees published results only; neither appears here.
 */
export const PERMISSIONS = {
  'members.read': ['administrator', 'board', 'clerk', 'auditor'],
  'members.write': ['administrator', 'clerk'],
  'schemes.write': ['administrator'],
  'consultations.read': ['administrator', 'board', 'clerk', 'auditor'],
  'consultations.prepare': ['administrator', 'board', 'clerk'],
  'consultations.decide': ['administrator', 'board'],
  'audit.read': ['administrator', 'board', 'auditor'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function allows(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
