import type { HttpContext } from '@adonisjs/core/http'
import { creditToday, publicRecordsOf } from '../support/credit_rows.js'
import { publicEntityCode } from '#identity/codes/id_card'
import { creditTransformer } from '../transformers/credit_transformer.js'
import { subjectParam } from '../support/params.js'

/**
 * The public credit page of one market entity (no login): the penalty
 * decisions and blacklist entries the law publishes, nothing else. Credit
 * records are global, so every platform's page shows the same.
 */
export default class PublicCreditController {
  private async published(ctx: HttpContext) {
    const code = subjectParam(ctx)
    const records = await publicRecordsOf(code, await creditToday())
    const first = records[0]
    return {
      subject: first
        ? {
            name: first.subjectName,
            code: publicEntityCode(first.subjectCodeType, first.subjectCode),
          }
        : null,
      records: records.map(creditTransformer.forPublic),
    }
  }

  async show(ctx: HttpContext) {
    return ctx.inertia.render('credit/public', await this.published(ctx))
  }

  async json(ctx: HttpContext) {
    return { data: await this.published(ctx) }
  }
}
