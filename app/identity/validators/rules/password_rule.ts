import vine from '@vinejs/vine'
import { isCommonPassword } from '#identity/common_passwords'

/** Refuses passwords on the common-password list */
export const notCommonPasswordRule = vine.createRule(
  (value, _, field) => {
    if (typeof value === 'string' && isCommonPassword(value)) {
      field.report('The {{ field }} is too common', 'common_password', field)
    }
  },
  { name: 'common_password' }
)
