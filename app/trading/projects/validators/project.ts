import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { CHONGQING_DISTRICT_CODE } from '#tenancy/validators/tenant'
import {
  APPROVAL_LEVELS,
  CITY_TENANT_CODE,
  FUND_SOURCES,
  PROJECT_CATEGORIES,
} from '#trading/projects/platform_routing'

/** 投资项目统一代码 of the investment-approval platform, e.g. 2024-500101-48-01-012345 */
export const INVEST_PROJECT_CODE = /^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$/
/** A mobile number, or a landline with its area code */
const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/
/** Yuan with at most two decimals (fen), within numeric(18, 2) */
const AMOUNT = /^(0|[1-9][0-9]{0,15})(\.[0-9]{1,2})?$/

const regionCode = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (value !== CITY_TENANT_CODE && !CHONGQING_DISTRICT_CODE.test(value)) {
    field.report('The {{ field }} must be a Chongqing tenant code', 'regionCode.tenant', field)
  }
})

const positiveAmount = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (!AMOUNT.test(value)) field.report('The {{ field }} is not an amount', 'amount.format', field)
  else if (Number(value) <= 0) field.report('The {{ field }} must be positive', 'positive', field)
})

export const registerProjectValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  category: vine.enum(PROJECT_CATEGORIES),
  approvalLevel: vine.enum(APPROVAL_LEVELS),
  approvingAuthority: vine.string().trim().minLength(2).maxLength(100),
  investProjectCode: vine.string().trim().regex(INVEST_PROJECT_CODE).optional(),
  fundSource: vine.enum(FUND_SOURCES),
  legallyBound: vine.boolean(),
  // A JSON number is taken as its decimal text, so the check sees what was sent
  amount: vine
    .string()
    .trim()
    .parse((value) => (typeof value === 'number' ? String(value) : value))
    .use(positiveAmount()),
  regionCode: vine
    .string()
    .trim()
    .use(regionCode())
    .exists(async (db, value) => !!(await db.from('tenants').where('code', value).first())),
  contactName: vine.string().trim().minLength(2).maxLength(50),
  contactPhone: vine.string().trim().regex(PHONE),
})

export const PROJECT_PAGE_SIZE = 50

export const projectListValidator = vine.create({
  before: vine.number().withoutDecimals().positive().optional(),
  limit: vine.number().withoutDecimals().range([1, 200]).optional(),
})
