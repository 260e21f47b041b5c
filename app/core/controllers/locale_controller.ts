import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { LOCALE_COOKIE } from '#middleware/locale_middleware'

const localeValidator = vine.create({ locale: vine.enum(['zh-CN', 'en']) })

export default class LocaleController {
  /** Remembers the chosen language for a year */
  async update({ request, response }: HttpContext) {
    const { locale } = await request.validateUsing(localeValidator)
    response.plainCookie(LOCALE_COOKIE, locale, {
      encode: false,
      maxAge: '1y',
      httpOnly: false,
      sameSite: 'lax',
    })
    return response.redirect().back()
  }
}
