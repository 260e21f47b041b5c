/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type IdCardProblem = 'empty' | 'length' | 'charset' | 'birth_date' | 'check'

export function idCardCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

function validBirthDate(yyyymmdd: string, today: Date) {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getTime() <= today.getTime()
  )
}

export function idCardProblem(input: string, today = new Date()): IdCardProblem | null {
  const code = input.trim().toUpperCase()
  if (!code) return 'empty'
  if (code.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(code)) return 'charset'
  if (!validBirthDate(code.slice(6, 14), today)) return 'birth_date'
  if (idCardCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check'
  return null
}

export function isValidIdCard(input: string) {
  return idCardProblem(input) === null
}

/**
 * An ID number as it may be published (the region and the last four, e.g.
 * 500101********1234): enough to tell people apart, never the birth date.
 */
export function maskedIdCard(idNumber: string) {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`
}

/** A market entity's code as it may be published: a natural person's ID number masked (个人信息保护法 Art. 28) */
export function publicEntityCode(codeType: string, code: string) {
  return codeType === 'id_card' ? maskedIdCard(code) : code
}
