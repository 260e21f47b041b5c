import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import {
  CreateTenant,
  RenameTenant,
  ResumeTenant,
  SuspendTenant,
} from '#tenancy/actions/tenant_provisioning'
import type Tenant from '#tenancy/models/tenant'
import { tenantByCode, tenantById, tenantsForAdmin } from '#tenancy/queries/tenants'
import { tenantTransformer } from '#tenancy/transformers/tenant_transformer'
import {
  createTenantValidator,
  suspendTenantValidator,
  updateTenantValidator,
} from '#tenancy/validators/tenant'

/**
 * The city admin's tenant administration: pages under /t/500000/admin/tenants
 * (target by id) and the JSON API under /api/v1/tenants (target by code).
 * Listing and reading the admin view (suspension reasons, timestamps) needs
 * the right to administer tenants; the public list is on the home page.
 */
function target(ctx: HttpContext) {
  const { tenantCode, id } = ctx.params
  return tenantCode ? tenantByCode(String(tenantCode)) : tenantById(Number(id))
}

async function targetId(ctx: HttpContext) {
  const tenant = await target(ctx)
  return tenant.id
}

function forPage(tenant: Tenant, locale: string) {
  return { ...tenantTransformer.forAdmin(tenant), name: tenant.name(locale) }
}

function backToList(ctx: HttpContext, messageKey: string, tenant: Tenant) {
  ctx.session.flash('success', ctx.i18n.t(messageKey, { name: tenant.name(ctx.i18n.locale) }))
  return ctx.response.redirect(`/t/${ctx.tenant!.code}/admin/tenants`)
}

export default class TenantsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'update', 'Tenant')
    const tenants = await tenantsForAdmin()
    if (wantsJson(ctx)) return { data: tenants.map((t) => tenantTransformer.forAdmin(t)) }
    // Not `tenants`: that shared prop feeds the layout's platform switcher
    return ctx.inertia.render('tenancy/admin/tenants', {
      platforms: tenants.map((t) => forPage(t, ctx.i18n.locale)),
      notice: ctx.session.flashMessages.get('success') ?? null,
    })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'update', 'Tenant')
    return { data: tenantTransformer.forAdmin(await target(ctx)) }
  }

  async create(ctx: HttpContext) {
    await authorize(ctx, 'create', 'Tenant')
    // Not `tenant`: that shared prop is the platform the page is under (500000)
    return ctx.inertia.render('tenancy/admin/tenant_form', { platform: null })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'create', 'Tenant')
    const input = await ctx.request.validateUsing(createTenantValidator)
    const tenant = await new CreateTenant(requestActor(ctx)).handle(input)
    if (wantsJson(ctx)) {
      return ctx.response.status(201).send({ data: tenantTransformer.forAdmin(tenant) })
    }
    return backToList(ctx, 'tenancy.flash.created', tenant)
  }

  async edit(ctx: HttpContext) {
    await authorize(ctx, 'update', 'Tenant')
    const tenant = await target(ctx)
    return ctx.inertia.render('tenancy/admin/tenant_form', {
      platform: forPage(tenant, ctx.i18n.locale),
    })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'update', 'Tenant')
    const names = await ctx.request.validateUsing(updateTenantValidator)
    const tenant = await new RenameTenant(requestActor(ctx)).handle(await targetId(ctx), names)
    if (wantsJson(ctx)) return { data: tenantTransformer.forAdmin(tenant) }
    return backToList(ctx, 'tenancy.flash.updated', tenant)
  }

  async suspend(ctx: HttpContext) {
    await authorize(ctx, 'suspend', 'Tenant')
    const { reason } = await ctx.request.validateUsing(suspendTenantValidator)
    const tenant = await new SuspendTenant(requestActor(ctx)).handle(await targetId(ctx), reason)
    if (wantsJson(ctx)) return { data: tenantTransformer.forAdmin(tenant) }
    return backToList(ctx, 'tenancy.flash.suspended', tenant)
  }

  async resume(ctx: HttpContext) {
    await authorize(ctx, 'suspend', 'Tenant')
    const tenant = await new ResumeTenant(requestActor(ctx)).handle(await targetId(ctx))
    if (wantsJson(ctx)) return { data: tenantTransformer.forAdmin(tenant) }
    return backToList(ctx, 'tenancy.flash.resumed', tenant)
  }
}
