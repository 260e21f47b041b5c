import vine from '@vinejs/vine'
import { COMPLAINT_KINDS, REGIMES } from '#supervision/complaints/complaint_clock'
import { CASE_DECISIONS } from '#supervision/cases/supervision_cases'

export const alertFiltersValidator = vine.create({
  status: vine.enum(['open', 'dismissed', 'case_opened', 'suspended']).optional(),
  rule: vine
    .string()
    .regex(/^W[0-9]{2}$/)
    .optional(),
  before: vine.number().withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER).optional(),
})

/** A written reason: dismissals, cases and suspensions all need one */
export const alertDecisionValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

const alertId = vine.number().withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER)

/** A case opens on one or more alerts of one trade, with a written reason */
export const caseOpeningValidator = vine.create({
  alertIds: vine.array(alertId).minLength(1).maxLength(50).distinct(),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

export const caseFiltersValidator = vine.create({
  status: vine.enum(['open', 'closed']).optional(),
})

export const caseNoteValidator = vine.create({
  text: vine.string().trim().minLength(4).maxLength(10000),
})

export const caseClosingValidator = vine.create({
  decision: vine.enum(CASE_DECISIONS),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

export const thresholdsValidator = vine.create({
  thresholds: vine.record(vine.number().min(0).max(100000)),
})

export const complaintValidator = vine.create({
  kind: vine.enum(COMPLAINT_KINDS),
  regime: vine.enum(REGIMES),
  stage: vine
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/),
  tradeId: vine.number().withoutDecimals().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  respondent: vine.string().trim().minLength(2).maxLength(200),
  claims: vine.string().trim().minLength(10).maxLength(10000),
  knownOn: vine.date({ formats: ['YYYY-MM-DD'] }),
})

export const complaintStepValidator = vine.create({
  text: vine.string().trim().minLength(4).maxLength(10000),
})
