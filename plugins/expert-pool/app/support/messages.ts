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
      const ownKey = `${own}.messages.${rule}`
      // The core's general message for the rule, still with the plugin's field label
      const sharedKey = `validator.shared.messages.${rule}`
      const fieldSpecific = ctx.i18n.hasMessage(
        `validator.shared.messages.${field.wildCardPath}.${rule}`
      )
      const key = ctx.i18n.hasMessage(ownKey)
        ? ownKey
        : !fieldSpecific && ctx.i18n.hasMessage(sharedKey)
          ? sharedKey
          : null
      if (!key) return shared.getMessage(defaultMessage, rule, field, meta)
      // An array element ('specialtyCodes.0') is labelled by its list
      return ctx.i18n.t(key, { ...meta, field: label(field.wildCardPath.split('.')[0]) })
    },
  }
}
