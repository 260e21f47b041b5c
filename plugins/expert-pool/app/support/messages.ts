import type { HttpContext } from '@adonisjs/core/http'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

const OWN = 'expert_pool.validator'

/**
 * The plugin's own messages and field labels first (`expert_pool.validator`
 * in its lang folder), then the core's shared ones, so the reused USCC and
 * ID-number rules keep their detailed messages.
 */
export function expertMessages(ctx: HttpContext, own = OWN): MessagesProviderContact {
  const shared = ctx.i18n.createMessagesProvider()
  const label = (name: string | number) => {
    const key = `${own}.fields.${name}`
    return ctx.i18n.hasMessage(key) ? ctx.i18n.t(key) : shared.translateField(name)
  }
  return {
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: any) {
      const key = `${own}.messages.${rule}`
      if (!ctx.i18n.hasMessage(key)) return shared.getMessage(defaultMessage, rule, field, meta)
      // An array element ('specialtyCodes.0') is labelled by its list
      return ctx.i18n.t(key, { ...meta, field: label(field.wildCardPath.split('.')[0]) })
    },
  }
}
