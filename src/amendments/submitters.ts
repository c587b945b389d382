/** "Drechterland c.s." when any co-sponsor confirmed, else the member's name. */
export function submitterName(memberName: string, coSponsors: { confirmed: boolean }[]): string {
  return coSponsors.some((c) => c.confirmed) ? `${memberName} c.s.` : memberName;
}

/** Dutch list: "A", "A en B", "A, B en C". */
export function joinDutch(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}
