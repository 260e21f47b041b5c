import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * GB/T 2260 county-level codes under Chongqing (50): six digits, `50`
 * first, and a county part that is not `00` (codes ending in `00` name the
 * city or a prefecture-level grouping such as 500100 市辖区).
 */
export const CHONGQING_DISTRICT_CODE = /^50[0-9]{2}(?!00)[0-9]{2}$/
const SIX_DIGITS = /^[0-9]{6}$/
export const NAME_MAX_LENGTH = 100
export const REASON_MAX_LENGTH = 500

/**
 * One rule per defect, so the person reads what is wrong with the code
 * (format, not Chongqing, taken) rather than a generic "invalid".
 */
const districtCode = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (!SIX_DIGITS.test(value)) {
    field.report('The {{ field }} must be six digits', 'tenantCode.format', field)
  } else if (!CHONGQING_DISTRICT_CODE.test(value)) {
    field.report('The {{ field }} must be a Chongqing district code', 'tenantCode.chongqing', field)
  }
})

const names = {
  nameZh: vine.string().trim().minLength(1).maxLength(NAME_MAX_LENGTH),
  nameEn: vine.string().trim().minLength(1).maxLength(NAME_MAX_LENGTH),
}

export const createTenantValidator = vine.create({
  code: vine
    .string()
    .trim()
    .use(districtCode())
    .unique(async (db, value) => !(await db.from('tenants').where('code', value).first())),
  ...names,
})

export const updateTenantValidator = vine.create(names)

export const suspendTenantValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(REASON_MAX_LENGTH),
})
