/**
 * Project numbers in the national coding shape (domain.md §3): 17 characters,
 * the 11-character trading-platform code (1-letter industry section, 6-digit
 * division, 4-digit national platform serial) and a 6-digit project serial
 * 000001–999999 per platform.
 *
 * The national platform assigns each trading system its serial on
 * registration; until ours is assigned, every tenant uses section `L`
 * (GB/T 4754 租赁和商务服务业, where trading centres are classed), its own
 * tenant code as the division (so each city and district platform numbers
 * its projects apart) and serial `0001`. An assigned code goes into
 * PLATFORM_CODE_OVERRIDES under the tenant code; nothing else changes.
 */
export const DEFAULT_INDUSTRY_SECTION = 'L'
export const DEFAULT_PLATFORM_SERIAL = '0001'
export const MAX_PROJECT_SERIAL = 999_999

export const PLATFORM_CODE_OVERRIDES: Readonly<Record<string, string>> = {}

export const PLATFORM_CODE = /^[A-Z][0-9]{6}[0-9]{4}$/
export const PROJECT_CODE = /^[A-Z][0-9]{16}$/

export function platformCode(tenantCode: string, overrides = PLATFORM_CODE_OVERRIDES): string {
  const code =
    overrides[tenantCode] ?? `${DEFAULT_INDUSTRY_SECTION}${tenantCode}${DEFAULT_PLATFORM_SERIAL}`
  if (!PLATFORM_CODE.test(code))
    throw new Error(`Invalid platform code "${code}" for ${tenantCode}`)
  return code
}

export function projectCode(platform: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_PROJECT_SERIAL) {
    throw new RangeError(`Project serial ${serial} is outside 1–${MAX_PROJECT_SERIAL}`)
  }
  return `${platform}${String(serial).padStart(6, '0')}`
}
