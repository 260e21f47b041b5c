import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#tenancy/models/tenant_owned'
import type { ApprovalLevel, FundSource, ProjectCategory } from '#trading/projects/platform_routing'

/** A project (项目) registered by a market entity on one platform. */
export default class Project extends compose(BaseModel, TenantOwned) {
  static table = 'projects'

  @column({ isPrimary: true })
  declare id: number

  /** The 17-character national project number */
  @column()
  declare code: string

  @column()
  declare serial: number

  @column()
  declare entityId: number

  @column()
  declare name: string

  @column()
  declare category: ProjectCategory

  @column()
  declare approvalLevel: ApprovalLevel

  @column()
  declare approvingAuthority: string

  @column()
  declare investProjectCode: string | null

  @column()
  declare fundSource: FundSource

  /** 依法必须招标: the law binds the project to tender */
  @column()
  declare legallyBound: boolean

  /** Yuan, exact: numeric(18, 2) read as a string, never a float */
  @column()
  declare amount: string

  @column()
  declare regionCode: string

  @column()
  declare contactName: string

  @column()
  declare contactPhone: string

  @column()
  declare createdBy: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
