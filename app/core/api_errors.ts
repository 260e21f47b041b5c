import type { HttpContext } from '@adonisjs/core/http'

export interface FieldError {
  field: string
  message: string
  rule?: string
}

/** JSON API callers: /api/* routes and anything asking for JSON without Inertia */
export function wantsJson(ctx: HttpContext) {
  if (ctx.request.url().startsWith('/api/')) return true
  if (ctx.request.header('x-inertia')) return false
  return ctx.request.accepts(['html', 'json']) === 'json'
}

/** The one error shape of the JSON API: `{ errors: [{ field, message }] }` */
export function apiErrors(ctx: HttpContext, status: number, errors: FieldError[]) {
  return ctx.response.status(status).send({ errors })
}
