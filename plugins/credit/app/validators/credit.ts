import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { FieldContext } from '@vinejs/vine/types'
import { idCardProblem } from '#identity/codes/id_card'
import { usccProblem } from '#identity/codes/uscc'
import { TRADE_CATEGORIES } from '#access/roles'
import { CREDIT_ROLES } from '../support/matching.js'
import { PENALTY_TYPES } from '../support/credit_rows.js'

export const CODE_TYPES = ['uscc', 'id_card'] as const
const DATE = { formats: ['YYYY-MM-DD'] }
/** A division prefix inside Chongqing: '50' is the whole city, '500101' one district */
export const REGION_PREFIX = /^50([0-9]{2}){0,2}$/

/**
 * The subject's code, checked as its sibling `subjectCodeType` says: a USCC
 * or an ID number, reported with the core's own messages for each.
 */
const subjectCodeRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (field.parent?.subjectCodeType === 'id_card') {
    const problem = idCardProblem(value)
    if (problem)
      field.report('The {{ field }} is not a valid ID number', 'id_card', field, { problem })
    return
  }
  const problem = usccProblem(value)
  if (problem) field.report('The {{ field }} is not a valid USCC', 'uscc', field, { problem })
})

/** An end before the start is no period; the sibling is still the text that was sent */
const notBeforeStart = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  const start = field.parent?.startsOn
  if (!(value instanceof Date) || typeof start !== 'string') return
  if (DateTime.fromJSDate(value).toISODate()! < start.trim()) {
    field.report('The {{ field }} is before the start', 'credit_period', field)
  }
})

const subjectFields = {
  subjectCodeType: vine.enum(CODE_TYPES),
  subjectCode: vine.string().trim().toUpperCase().use(subjectCodeRule()),
  subjectName: vine.string().trim().minLength(2).maxLength(200),
}

const decisionFields = {
  title: vine.string().trim().minLength(2).maxLength(200),
  content: vine.string().trim().maxLength(2000).optional(),
  issuingDepartment: vine.string().trim().minLength(2).maxLength(100),
  sourceDocument: vine.string().trim().minLength(2).maxLength(100),
  decidedOn: vine.date(DATE),
  startsOn: vine.date(DATE),
  endsOn: vine.date(DATE).use(notBeforeStart()).optional(),
}

/** Where a ban reaches; empty lists mean every role or category */
const scopeFields = {
  restrictedRoles: vine.array(vine.enum(CREDIT_ROLES)).distinct().optional(),
  categories: vine.array(vine.enum(TRADE_CATEGORIES)).distinct().optional(),
  regionPrefix: vine.string().trim().regex(REGION_PREFIX).optional(),
}

/** Blacklist entries, rewards and performance records */
export const creditRecordValidator = vine.create({
  kind: vine.enum(['blacklist', 'reward', 'performance'] as const),
  ...subjectFields,
  ...decisionFields,
  ...scopeFields,
})

/** An administrative penalty decision (行政处罚决定), with a market ban when it imposes one */
export const penaltyValidator = vine.create({
  ...subjectFields,
  ...decisionFields,
  penaltyType: vine.enum(PENALTY_TYPES),
  fineAmount: vine.number().positive().decimal([0, 2]).max(1e15).optional(),
  legalBasis: vine.string().trim().minLength(2).maxLength(500),
  bans: vine.boolean(),
  ...scopeFields,
})

export const revocationValidator = vine.create({
  issuingDepartment: vine.string().trim().minLength(2).maxLength(100),
  sourceDocument: vine.string().trim().minLength(2).maxLength(100),
  decidedOn: vine.date(DATE),
  reason: vine.string().trim().minLength(2).maxLength(500),
})

export const creditRuleValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  conditionKinds: vine
    .array(vine.enum(['violation', 'blacklist', 'performance'] as const))
    .minLength(1)
    .distinct(),
  conditionMinCount: vine.number().withoutDecimals().range([1, 100]),
  conditionWithinMonths: vine.number().withoutDecimals().range([1, 120]).optional(),
  restrictedRoles: vine.array(vine.enum(CREDIT_ROLES)).minLength(1).distinct(),
  categories: vine.array(vine.enum(TRADE_CATEGORIES)).distinct().optional(),
  regionPrefix: vine.string().trim().regex(REGION_PREFIX),
  startsOn: vine.date(DATE),
  endsOn: vine.date(DATE).use(notBeforeStart()).optional(),
  sourceDocument: vine.string().trim().minLength(2).maxLength(100),
})

export const importValidator = vine.create({
  format: vine.enum(['json', 'csv'] as const),
  content: vine.string().minLength(1).maxLength(5_000_000),
})
