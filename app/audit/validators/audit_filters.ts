import vine from '@vinejs/vine'

export const AUDIT_PAGE_SIZE = 50

/** The audit list's filters and keyset cursor, from the query string */
export const auditFiltersValidator = vine.create({
  action: vine.string().trim().maxLength(100).optional(),
  actor: vine.string().trim().maxLength(200).optional(),
  subjectType: vine.string().trim().maxLength(100).optional(),
  tenant: vine
    .string()
    .trim()
    .regex(/^[0-9]{6}$/)
    .optional(),
  from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  to: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  before: vine.number().withoutDecimals().positive().optional(),
  limit: vine.number().withoutDecimals().range([1, 200]).optional(),
})
