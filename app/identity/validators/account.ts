import vine from '@vinejs/vine'
import { notCommonPasswordRule } from '#identity/validators/rules/password_rule'
import { requiredIfMissingRule } from '#identity/validators/rules/required_if_missing_rule'

/** A mainland China mobile number */
const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** An email or a mobile number, as people type it to log in */
const uid = () => vine.string().trim().toLowerCase().maxLength(254)

export const signupValidator = vine.create({
  email: vine
    .string()
    .trim()
    .toLowerCase()
    .maxLength(254)
    .email()
    .optional()
    .use(requiredIfMissingRule({ otherField: 'mobile' })),
  mobile: vine
    .string()
    .trim()
    .regex(MOBILE_PATTERN)
    .optional()
    .use(requiredIfMissingRule({ otherField: 'email' })),
  displayName: vine.string().trim().minLength(1).maxLength(50),
  // ASVS 6.2.1/6.2.9: at least 8, at most 64 (not less), no composition rules
  password: vine.string().minLength(8).maxLength(64).use(notCommonPasswordRule()).confirmed(),
})

export const loginValidator = vine.create({
  uid: uid(),
  password: vine.string().maxLength(256),
})

export const switchEntityValidator = vine.create({
  entityId: vine.number().positive().withoutDecimals(),
})

export const addMemberValidator = vine.create({
  uid: uid(),
})
