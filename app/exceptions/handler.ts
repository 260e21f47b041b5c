import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as vineErrors } from '@vinejs/vine'
import { inTenantContext, markRollbackOnly } from '#tenancy/tenant_context'
import { apiErrors, wantsJson } from '#core/api_errors'

/**
 * Postgres errors that, inside a tenant context, mean "not yours" (or an id
 * no row can have, such as one beyond bigint): they map
 * to the same 404 as a missing row, so nothing tells one tenant that another
 * tenant's row exists. Nothing from pg ever reaches the body.
 */
const NOT_FOUND_PG_CODES = new Set(['42501', '23503', '22003', '22P02'])

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction
  protected renderStatusPages = true
  /** Refusals answered on purpose are not incidents */
  protected ignoreStatuses = [400, 401, 403, 404, 409, 422, 429]

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '404': (_, { inertia }) => inertia.render('core/error', { status: 404 }),
    '500..599': (_, { inertia }) => inertia.render('core/error', { status: 500 }),
  }

  async handle(error: any, ctx: HttpContext) {
    // Runs inside the tenant middleware's next(): a failed request must not commit
    markRollbackOnly()
    const output = await this.respond(error, ctx)
    // The server ignores what the error handler returns, and self-handled
    // exceptions return their rendered page (inertia.render): send it
    if (output !== undefined && output !== ctx.response && !ctx.response.hasLazyBody) {
      ctx.response.send(output)
    }
  }

  private async respond(error: any, ctx: HttpContext) {
    const code = error?.code
    if (code === 'E_ROW_NOT_FOUND' || (inTenantContext() && NOT_FOUND_PG_CODES.has(code))) {
      return this.notFound(ctx)
    }
    if (code === '23505') {
      return apiErrors(ctx, 409, [{ field: '', message: ctx.i18n.t('errors.conflict') }])
    }
    if (error instanceof vineErrors.E_VALIDATION_ERROR && wantsJson(ctx)) {
      return ctx.response.status(422).send({
        errors: error.messages.map((m: any) => ({
          field: m.field,
          message: m.message,
          rule: m.rule,
        })),
      })
    }
    return super.handle(error, ctx)
  }

  private notFound(ctx: HttpContext) {
    if (wantsJson(ctx)) {
      return apiErrors(ctx, 404, [{ field: '', message: ctx.i18n.t('errors.not_found') }])
    }
    ctx.response.status(404)
    return ctx.inertia.render('core/error', { status: 404 })
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
