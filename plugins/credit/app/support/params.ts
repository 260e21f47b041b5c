import type { HttpContext } from '@adonisjs/core/http'

const SUBJECT_CODE = /^[0-9A-Z]{18}$/

/** The `subject` filter of a list or export: a well-formed code, or none */
export function subjectFilter(ctx: HttpContext) {
  const code = String(ctx.request.input('subject', '')).trim().toUpperCase()
  return SUBJECT_CODE.test(code) ? code : undefined
}

/** A row id from the route; anything else is the same 404 as a missing row */
export function idParam(ctx: HttpContext) {
  const id = Number(ctx.params.id)
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw Object.assign(new Error('Not found'), { code: 'E_ROW_NOT_FOUND', status: 404 })
  }
  return id
}

/** The subject code of a public page, or the 404 of a page that cannot exist */
export function subjectParam(ctx: HttpContext) {
  const code = String(ctx.params.subjectCode ?? '').toUpperCase()
  if (!SUBJECT_CODE.test(code)) {
    throw Object.assign(new Error('Not found'), { code: 'E_ROW_NOT_FOUND', status: 404 })
  }
  return code
}
