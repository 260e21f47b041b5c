/**
 * 统一社会信用代码 (GB 32100-2015) with the nested organisation code check
 * (GB 11714-1997), as domain.md §4 sets them out.
 */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

export type UsccProblem = 'empty' | 'length' | 'charset' | 'region' | 'org_check' | 'check'

export function usccCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * USCC_WEIGHTS[i]
  const value = 31 - (sum % 31)
  return USCC_CHARSET[value === 31 ? 0 : value]
}

export function orgCodeCheckCharacter(body8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(body8[i]) * ORG_WEIGHTS[i]
  const value = 11 - (sum % 11)
  return value === 10 ? 'X' : value === 11 ? '0' : String(value)
}

/** The first problem with a code, or null when it is valid. */
export function usccProblem(input: string): UsccProblem | null {
  const code = input.trim().toUpperCase()
  if (!code) return 'empty'
  if (code.length !== 18) return 'length'
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'charset'
  if (!USCC_SHAPE.test(code)) return 'region'
  const orgBody = code.slice(8, 16)
  if (!/^[0-9A-Z]{8}$/.test(orgBody) || orgCodeCheckCharacter(orgBody) !== code[16])
    return 'org_check'
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check'
  return null
}

export function isValidUscc(input: string) {
  return usccProblem(input) === null
}
