import { StaffRole } from './staff-account.entity';

/**
 * The permission matrix (role × action), in one place; the README shows it as a table. Every staff
 * endpoint and page names one of these. Municipal secretaries act through their secret ballot link and
 * the public sees published results only; neither needs an account, so neither appears here.
 */
export const PERMISSIONS = {
  'accounts.manage': ['administrator'],
  'members.read': ['administrator', 'board', 'clerk', 'auditor'],
  'members.write': ['administrator', 'clerk'],
  'schemes.write': ['administrator'],
  'consultations.read': ['administrator', 'board', 'clerk', 'auditor'],
  'consultations.prepare': ['administrator', 'board', 'clerk'],
  'consultations.decide': ['administrator', 'board'],
  'audit.read': ['administrator', 'board', 'auditor'],
  'metrics.read': ['administrator'],
  'amendments.read': ['administrator', 'board', 'clerk', 'auditor', 'member_official'],
  'amendments.submit': ['member_official'],
  'amendments.respond': ['administrator', 'board'],
  'finance.read': ['administrator', 'board', 'clerk', 'auditor'],
  'finance.prepare': ['administrator', 'board', 'clerk'],
  'finance.authorise': ['administrator', 'board'],
  'finance.invoice': ['administrator', 'board'],
  'finance.own': ['member_official'],
  'decisions.read': ['administrator', 'board', 'clerk', 'auditor'],
  'decisions.record': ['administrator', 'board', 'clerk'],
  'decisions.publish': ['administrator', 'board'],
  'facilities.read': ['administrator', 'board', 'clerk', 'auditor'],
  'facilities.manage': ['administrator', 'board'],
  'facilities.join': ['member_official'],
  'member.home': ['member_official'],
  'subscriptions.read': ['administrator', 'board', 'clerk', 'auditor'],
  'subscriptions.manage': ['administrator', 'board', 'clerk'],
  'subscriptions.decide': ['administrator', 'board'],
  'subscriptions.sign': ['member_official'],
  'subscriptions.provider_view': ['provider'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function allows(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
