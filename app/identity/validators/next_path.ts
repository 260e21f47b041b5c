/**
 * Where to go after logging in: a path on this site only. Browsers read
 * "//host" and "/\host" as other sites, and drop tabs and newlines first,
 * so those are refused too (no open redirect).
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null
  for (const char of value) {
    const code = char.charCodeAt(0)
    if (code < 0x20 || code === 0x7f) return null
  }
  return value
}
