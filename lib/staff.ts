/**
 * A staff member is found by the e-mail git records. Addresses compare by ASCII case only: Unicode case
 * folding would make look-alikes equal (the Kelvin sign K folds to k), and approval rests on this match.
 */
export const emailKey = (email: string) => email.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The staff member whose e-mail is `email`, or undefined. */
export function staffByEmail<S extends { email: string }>(staff: readonly S[], email: string | null | undefined): S | undefined {
  if (!email) return undefined;
  const e = emailKey(email);
  return staff.find((s) => emailKey(s.email) === e);
}
