import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import { usccRule } from '#identity/validators/rules/uscc_rule'

/** A code of any level: a draw may ask for a specialty (A0101) as well as a leaf */
const ANY_LEVEL_CODE = /^[A-C](?:[0-9]{2}){0,3}$/
const DIVISION_CODE = /^[0-9]{6}$/

/** The requested codes must be in the classification */
const knownCodesRule = vine.createRule(
  async (value, _, field) => {
    if (!Array.isArray(value) || value.length === 0) return
    const codes = [
      ...new Set((value as Array<{ code?: unknown }>).map((line) => String(line?.code))),
    ]
    const rows = await db.from('expert_specialties').whereIn('code', codes).select('code')
    const known = new Set(rows.map((row: { code: string }) => row.code))
    const unknown = codes.filter((code) => !known.has(code))
    if (unknown.length > 0) {
      field.report('Unknown specialty {{ codes }}', 'expert_specialty', field, {
        codes: unknown.join(', '),
      })
    }
  },
  { isAsync: true, name: 'expert_specialty' }
)

export const drawRequestValidator = vine.create({
  tradeId: vine.number().withoutDecimals().min(1).max(Number.MAX_SAFE_INTEGER),
  lines: vine
    .array(
      vine.object({
        code: vine.string().trim().toUpperCase().regex(ANY_LEVEL_CODE),
        count: vine.number().withoutDecimals().min(1).max(30),
      })
    )
    .minLength(1)
    .maxLength(20)
    .distinct('code')
    .use(knownCodesRule()),
  reservePerLine: vine.number().withoutDecimals().min(0).max(10),
  regionCodes: vine.array(vine.string().trim().regex(DIVISION_CODE)).maxLength(50).distinct(),
  /** The supervising department(s): experts employed there are its staff */
  supervisingUsccs: vine
    .array(vine.string().trim().toUpperCase().use(usccRule()))
    .maxLength(10)
    .distinct(),
  evaluationDate: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrEqual('today'),
  fallbackToParent: vine.boolean(),
  /** N: at most N seats for the same tenderer within 12 months */
  maxDrawsPerTenderer: vine.number().withoutDecimals().min(1).max(100),
})

export const declineValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(500),
})
