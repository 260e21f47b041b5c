import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { TenantNotFoundException } from '#tenancy/exceptions'

/** City administration lives under the city tenant only; elsewhere it does not exist. */
export default class CityTenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.tenant?.isCity) throw new TenantNotFoundException()
    return next()
  }
}
