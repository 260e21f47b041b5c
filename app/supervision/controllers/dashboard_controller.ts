import type { HttpContext } from '@adonisjs/core/http'
import { loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { wantsJson } from '#core/api_errors'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { categoryReach } from '#supervision/abilities'
import { dashboardFigures } from '#supervision/dashboard_queries'

/** The supervisor dashboard: the tenant's figures, or the whole city's at the city */
export default class DashboardController {
  async show(ctx: HttpContext) {
    const { ability } = await loadAccess(ctx)
    const reach = categoryReach(ability, 'Alert', ctx.tenant!.id)
    if (!reach.own.length && !reach.cityWide.length) throw new ForbiddenException()
    const figures = await dashboardFigures(reach)
    const cityWide = currentScopeOrFail().scope === 'city'
    if (wantsJson(ctx)) return { data: { ...figures, cityWide } }
    return ctx.inertia.render('supervision/dashboard', { figures, cityWide })
  }
}
