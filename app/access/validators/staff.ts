import vine from '@vinejs/vine'
import { STAFF_ROLES, SUPERVISOR_DEPARTMENTS, TRADE_CATEGORIES } from '#access/roles'

/**
 * Adding a staff membership: the account is found by the email or mobile it
 * logs in with. A supervisor also names its department and the categories it
 * supervises; for other roles those fields are dropped.
 */
const supervision = vine.group([
  vine.group.if((data) => data.role === 'supervisor', {
    department: vine.enum(SUPERVISOR_DEPARTMENTS),
    categories: vine
      .array(vine.enum(TRADE_CATEGORIES))
      .minLength(1)
      .maxLength(TRADE_CATEGORIES.length)
      .distinct(),
  }),
  vine.group.else({}),
])

export const addStaffValidator = vine.create(
  vine
    .object({
      uid: vine.string().trim().toLowerCase().minLength(1).maxLength(254),
      role: vine.enum(STAFF_ROLES),
    })
    .merge(supervision)
)
