/**
 * HTML forms send an empty field as "": for validation it is a missing one,
 * so "required" and "email or mobile" read as people expect.
 */
export function withoutBlanks(input: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => !(typeof value === 'string' && !value.trim()))
  )
}
