import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import { usccRule } from '#identity/validators/rules/uscc_rule'
import { idCardRule } from '#identity/validators/rules/id_card_rule'

export const TITLE_LEVELS = ['full_senior', 'deputy_senior', 'intermediate', 'junior'] as const
/** A specialty an expert is tagged with: a fourth-level code of the 2018 classification */
export const LEAF_CODE = /^[A-Z][0-9]{6}$/
const DIVISION_CODE = /^[0-9]{6}$/

/** Every code must be in the classification; one query for the whole list */
const knownSpecialtiesRule = vine.createRule(
  async (value, _, field) => {
    if (!Array.isArray(value) || value.length === 0) return
    const codes = [...new Set(value as string[])]
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

const uscc = () => vine.string().trim().toUpperCase().use(usccRule())

export const expertFields = {
  name: vine.string().trim().minLength(1).maxLength(50),
  idNumber: vine.string().trim().toUpperCase().use(idCardRule()),
  mobile: vine
    .string()
    .trim()
    .mobile({ locale: ['zh-CN'] }),
  employerUscc: uscc(),
  title: vine.string().trim().minLength(1).maxLength(50),
  titleLevel: vine.enum(TITLE_LEVELS),
  yearsInField: vine.number().withoutDecimals().min(0).max(70),
  specialtyCodes: vine
    .array(vine.string().trim().toUpperCase().regex(LEAF_CODE))
    .minLength(1)
    .maxLength(20)
    .distinct()
    .use(knownSpecialtiesRule()),
  regionCodes: vine.array(vine.string().trim().regex(DIVISION_CODE)).maxLength(50).distinct(),
  busyDates: vine.array(vine.date({ formats: ['YYYY-MM-DD'] })).maxLength(366),
  relativeEmployerUsccs: vine.array(uscc()).maxLength(50).distinct(),
  shareholdingUsccs: vine.array(uscc()).maxLength(50).distinct(),
}

export const expertValidator = vine.create(expertFields)

export const suspendValidator = vine.create({
  until: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrEqual('today'),
  reason: vine.string().trim().maxLength(500).optional(),
})

export const blacklistValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(500),
  /** Absent: for good (条例 Art. 72 disqualifies permanently) */
  until: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrEqual('today')
    .optional(),
})

export const retireValidator = vine.create({
  reason: vine.string().trim().maxLength(500).optional(),
})

export const expertAccountValidator = vine.create({
  /** null unlinks */
  accountId: vine.number().withoutDecimals().min(1).max(Number.MAX_SAFE_INTEGER).nullable(),
})

/** A row of a classification import: any level, names in both languages */
export const specialtyRowValidator = vine.create({
  code: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z](?:[0-9]{2}){0,3}$/),
  nameZh: vine.string().trim().minLength(1).maxLength(100),
  nameEn: vine.string().trim().minLength(1).maxLength(200),
})
