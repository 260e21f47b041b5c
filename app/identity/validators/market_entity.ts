import vine from '@vinejs/vine'
import { usccRule } from '#identity/validators/rules/uscc_rule'
import { idCardRule } from '#identity/validators/rules/id_card_rule'

export const USCC_ENTITY_TYPES = ['legal_person', 'other_org', 'individual_business'] as const

/** A code as people type it: spaces around and lower-case letters are fine */
const code = () => vine.string().trim().toUpperCase()

/**
 * A market entity registers by 统一社会信用代码, or, for a natural person,
 * by ID number; the code type decides the code check and the entity types.
 */
export const registerEntityValidator = vine.create(
  vine
    .object({
      codeType: vine.enum(['uscc', 'id_card'] as const),
      name: vine.string().trim().minLength(2).maxLength(200),
      regionCode: vine
        .string()
        .trim()
        .regex(/^\d{6}$/)
        .optional(),
      address: vine.string().trim().maxLength(300).optional(),
      legalRepresentative: vine.string().trim().maxLength(50).optional(),
    })
    .merge(
      vine.group([
        vine.group.if((data) => data.codeType === 'id_card', {
          code: code().use(idCardRule()),
          entityType: vine.enum(['natural_person'] as const),
        }),
        vine.group.else({
          code: code().use(usccRule()),
          entityType: vine.enum(USCC_ENTITY_TYPES),
        }),
      ])
    )
)

/** The live checks of the registration form, one per code type */
export const codeCheckValidators = {
  uscc: vine.create({ code: code().use(usccRule()) }),
  id_card: vine.create({ code: code().use(idCardRule()) }),
}
