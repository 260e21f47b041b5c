import { randomInt, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { idCardCheckCharacter } from '#identity/codes/id_card'
import { orgCodeCheckCharacter, usccCheckCharacter } from '#identity/codes/uscc'
import { withTenant } from '#tenancy/tenant_context'
import { tenantOf } from '#tests/helpers/plugins'

/** Unique sign-up values, so tests never collide */
export function randomEmail() {
  return `${randomUUID()}@test.ggzy.cn`
}

export function randomMobile() {
  return `13${String(randomInt(0, 1e9)).padStart(9, '0')}`
}

/** A well-formed 统一社会信用代码 of an enterprise in 万州区 */
export function randomUscc() {
  const org = String(randomInt(0, 1e8)).padStart(8, '0')
  const first17 = `91500101${org}${orgCodeCheckCharacter(org)}`
  return first17 + usccCheckCharacter(first17)
}

/** A well-formed ID number of someone born between 1950 and 1999 */
export function randomIdCard() {
  const pad = (value: number, size: number) => String(value).padStart(size, '0')
  const birth = `${randomInt(1950, 2000)}${pad(randomInt(1, 13), 2)}${pad(randomInt(1, 29), 2)}`
  const first17 = `500101${birth}${pad(randomInt(0, 1000), 3)}`
  return first17 + idCardCheckCharacter(first17)
}

/** Row count of a global table, read as the owner (outside any request) */
export async function countRows(table: string) {
  const [row] = await db.connection('owner').from(table).count('* as total')
  return Number(row.total)
}

/** Audit actions of the city's chain (where global requests record) about a subject */
export async function auditActions(subjectType: string, subjectId: number | string) {
  const root = await tenantOf('500000')
  return withTenant({ scope: 'city', tenantId: root.id, rootTenantId: root.id }, async () => {
    const rows = await db
      .from('audit_events')
      .where('subject_type', subjectType)
      .where('subject_id', String(subjectId))
      .orderBy('seq')
      .select('action', 'actor_account_id')
    return rows as Array<{ action: string; actor_account_id: number | null }>
  })
}

/**
 * A browser against the running test server: one cookie jar, and the
 * XSRF-TOKEN cookie echoed as the X-XSRF-TOKEN header as browsers' clients do.
 * Unlike the API client's session helpers, the session lives across requests.
 */
export class Browser {
  private cookies = new Map<string, string>()
  private readonly base = `http://${env.get('HOST')}:${env.get('PORT')}`

  async request(method: string, path: string, body?: Record<string, unknown>) {
    const headers: Record<string, string> = { accept: 'text/html' }
    if (this.cookies.size) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    }
    const xsrf = this.cookies.get('XSRF-TOKEN')
    if (xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    if (body) headers['content-type'] = 'application/json'
    const response = await fetch(this.base + path, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      redirect: 'manual',
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1))
    }
    return response
  }

  get(path: string) {
    return this.request('GET', path)
  }

  post(path: string, body: Record<string, unknown> = {}) {
    return this.request('POST', path, body)
  }
}
