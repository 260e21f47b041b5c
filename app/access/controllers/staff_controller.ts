import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { AddStaffMembership, RemoveStaffMembership } from '#access/actions/staff_memberships'
import { membershipOfTenant, staffOfTenant, staffRowOf } from '#access/queries/staff'
import { STAFF_ROLES, SUPERVISOR_DEPARTMENTS, TRADE_CATEGORIES } from '#access/roles'
import { staffTransformer } from '#access/transformers/staff_transformer'
import { addStaffValidator } from '#access/validators/staff'

/** Staff and roles of one tenant: a centre admin's own, any for the city admin. */
export default class StaffController {
  async index(ctx: HttpContext) {
    const tenant = ctx.tenant!
    await authorize(ctx, 'read', subject('StaffMembership', { tenantId: tenant.id }))
    const rows = await staffOfTenant(tenant.id)
    const staff = rows.map((row) => staffTransformer.row(row))
    if (wantsJson(ctx)) return { data: staff }
    return ctx.inertia.render('access/staff', {
      staff,
      options: {
        roles: STAFF_ROLES,
        departments: SUPERVISOR_DEPARTMENTS,
        categories: TRADE_CATEGORIES,
      },
    })
  }

  async store(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const input = await ctx.request.validateUsing(addStaffValidator)
    await authorize(
      ctx,
      'create',
      subject('StaffMembership', { tenantId: tenant.id, role: input.role })
    )
    const membership = await new AddStaffMembership(requestActor(ctx), ctx.i18n).handle(
      tenant,
      input
    )
    if (wantsJson(ctx)) {
      const row = await staffRowOf(tenant.id, membership.id)
      return ctx.response.created({ data: staffTransformer.row(row) })
    }
    return ctx.response.redirect().back()
  }

  async destroy(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const membership = await membershipOfTenant(tenant.id, ctx.params.id)
    await authorize(
      ctx,
      'delete',
      subject('StaffMembership', { tenantId: tenant.id, role: membership.role })
    )
    await new RemoveStaffMembership(requestActor(ctx)).handle(tenant, membership)
    if (wantsJson(ctx)) return { data: staffTransformer.removed(membership) }
    return ctx.response.redirect().back()
  }
}
