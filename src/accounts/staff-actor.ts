/** How staff appear in the audit trail (`staff:<email>`): the one spelling, for controllers and services alike. */
export function staffActor(staff: { email: string }): string {
  return `staff:${staff.email}`;
}
