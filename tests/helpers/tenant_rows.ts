import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { publishAnnouncement } from '#disclosure/actions/publish_announcement'

/**
 * Creates one row of any tenant table for the current tenant context, so the
 * isolation matrix covers tables added later without being edited. Tables
 * whose rows the generic factory cannot make (an append-only chain, a CHECK
 * it cannot guess, a NOT NULL reference to a global table) get an entry in
 * FACTORIES.
 */
export type Row = Record<string, any>

const FACTORIES: Record<string, () => Promise<Row>> = {
  // Published with their search lexemes and release, as only the publishing action makes them
  announcements: async () => {
    const published = await publishAnnouncement(SYSTEM_ACTOR, {
      kind: 'trade_notice',
      category: 'construction',
      title: 'probe',
    })
    return db.from('announcements').where('id', published.id).firstOrFail()
  },
  ocds_releases: async () => {
    const published = await publishAnnouncement(SYSTEM_ACTOR, {
      kind: 'trade_notice',
      category: 'construction',
      title: 'probe',
    })
    return db.from('ocds_releases').where('release_id', published.releaseId).firstOrFail()
  },
  audit_events: async () => {
    const scope = currentScopeOrFail()
    const { seq } = await recordAudit(SYSTEM_ACTOR, {
      action: 'isolation.probe',
      subjectType: 'probe',
      subjectId: randomUUID(),
    })
    return db
      .from('audit_events')
      .where({ root_tenant_id: scope.rootTenantId, tenant_id: scope.tenantId, seq })
      .firstOrFail()
  },
  projects: async () => {
    const scope = currentScopeOrFail()
    const { accountId, entityId } = await probeEntity()
    const [row] = await db
      .table('projects')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        code: `P${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        serial: 1,
        entity_id: entityId,
        name: 'probe',
        category: 'other',
        approval_level: 'district',
        approving_authority: 'probe',
        fund_source: 'other',
        legally_bound: false,
        amount: '1.00',
        region_code: '500101',
        contact_name: 'probe',
        contact_phone: '13800000000',
        created_by: accountId,
      })
      .returning('*')
    return row
  },
  bids: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const { accountId, entityId } = await probeEntity()
    const [row] = await db
      .table('bids')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        entity_id: entityId,
        submitted_by: accountId,
        key_wrapping: 'key_file',
        wrapped_key: Buffer.from('probe'),
        envelopes: '[]',
        submitted_at: new Date(),
      })
      .returning('*')
    return row
  },
  trade_documents: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const { accountId } = await probeEntity()
    const [row] = await db
      .table('trade_documents')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        kind: 'tender_documents',
        version: 1,
        storage_key: `probe/${randomUUID()}.pdf`,
        file_name: 'probe.pdf',
        extension: 'pdf',
        mime_type: 'application/pdf',
        size_bytes: 1,
        sha256: '0'.repeat(64),
        uploaded_by: accountId,
        uploaded_at: new Date(),
      })
      .returning('*')
    return row
  },
  trade_amendments: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const { accountId } = await probeEntity()
    const [row] = await db
      .table('trade_amendments')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        kind: 'clarification',
        summary: 'probe',
        affects_bids: false,
        issued_by: accountId,
        issued_at: new Date(),
      })
      .returning('*')
    return row
  },
  // construction-bidding: a tender's terms and its records, with their fixed lists
  cb_tenders: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const project = await createTenantRow('projects')
    const code = randomUUID().replace(/\D/g, '').padEnd(20, '0').slice(0, 20)
    const [row] = await db
      .table('cb_tenders')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        project_id: project.id,
        tender_code: code,
        section_code: `${code}001`,
        section_name: 'probe',
        tender_mode: 'public',
        content: 'probe',
        estimate: 1,
        deposit: 0,
        evaluation_method: 'lowest_evaluated_price',
      })
      .returning('*')
    return row
  },
  cb_objections: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const { accountId, entityId } = await probeEntity()
    const [row] = await db
      .table('cb_objections')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        stage: 'documents',
        entity_id: entityId,
        filed_by: accountId,
        filed_at: new Date(),
        content: 'probe',
      })
      .returning('*')
    return row
  },
  cb_deposits: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const { accountId, entityId } = await probeEntity()
    const [row] = await db
      .table('cb_deposits')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        entity_id: entityId,
        amount: 1,
        from_basic_account: true,
        recorded_by: accountId,
        recorded_at: new Date(),
      })
      .returning('*')
    return row
  },
  cb_alerts: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const [row] = await db
      .table('cb_alerts')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        kind: 'contract_overdue',
        due_at: new Date(),
        raised_at: new Date(),
      })
      .returning('*')
    return row
  },
  // supervision: rule codes and severities are from closed lists
  alert_rule_thresholds: async () => {
    const scope = currentScopeOrFail()
    const [row] = await db
      .table('alert_rule_thresholds')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        rule_code: `W${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
        thresholds: '{}',
      })
      .onConflict(['root_tenant_id', 'tenant_id', 'rule_code'])
      .merge()
      .returning('*')
    return row
  },
  alerts: async () => {
    const scope = currentScopeOrFail()
    const [row] = await db
      .table('alerts')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        rule_code: 'W99',
        severity: 'low',
        category: 'construction',
        dedupe_key: randomUUID(),
        evidence: '{}',
        raised_at: new Date(),
      })
      .returning('*')
    return row
  },
  // supervision: a case names its supervisor (a global account) and its trade
  supervision_cases: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const { accountId } = await probeEntity()
    const [row] = await db
      .table('supervision_cases')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        number: `probe-${randomUUID()}`,
        category: 'construction',
        trade_id: trade.id,
        supervisor_id: accountId,
        opening_reason: 'probe',
        opened_at: new Date(),
      })
      .returning('*')
    return row
  },
  supervision_case_notes: async () => {
    const scope = currentScopeOrFail()
    const supervisionCase = await createTenantRow('supervision_cases')
    const [row] = await db
      .table('supervision_case_notes')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        case_id: supervisionCase.id,
        author_id: supervisionCase.supervisor_id,
        text: 'probe',
        written_at: new Date(),
      })
      .returning('*')
    return row
  },
  // supervision: a complaint names its complainant (a global market entity)
  complaints: async () => {
    const scope = currentScopeOrFail()
    const { entityId } = await probeEntity()
    const [row] = await db
      .table('complaints')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        kind: 'complaint',
        regime: 'construction',
        stage: 'process',
        complainant_entity_id: entityId,
        respondent: 'probe',
        claims: 'probe',
        known_on: '2026-01-05',
        filed_at: new Date(),
        filed_on: '2026-01-05',
      })
      .returning('*')
    return row
  },
  // credit: a gate check names its stage, role and outcome from fixed lists
  credit_checks: async () => {
    const scope = currentScopeOrFail()
    const [row] = await db
      .table('credit_checks')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        subject_code: '91500000PROBE00000',
        stage: 'bid_submission',
        role: 'bidder',
        category: 'construction',
        region_code: '500101',
        outcome: 'allowed',
        snapshot: '{}',
      })
      .returning('*')
    return row
  },
  // expert-pool: a draw names its creator and its seats name global experts
  expert_draws: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const { accountId } = await probeEntity()
    const [row] = await db
      .table('expert_draws')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        tenderer_uscc: '91500000PROBE00000',
        evaluation_date: '2031-01-06',
        request: JSON.stringify({
          lines: [],
          reservePerLine: 0,
          regions: 'any',
          excludedIds: [],
          drawDate: '2031-01-06',
          lot: { tendererUscc: '91500000PROBE00000', bidderUsccs: [], supervisorKeys: [] },
          maxDrawsPerTenderer: 1,
          fallback: 'none',
        }),
        snapshot: '{"experts":[]}',
        snapshot_hash: '0'.repeat(64),
        commitment: '0'.repeat(64),
        seed: Buffer.alloc(32),
        created_by: accountId,
      })
      .returning('*')
    return row
  },
  expert_draw_seats: async () => {
    const scope = currentScopeOrFail()
    const draw = await createTenantRow('expert_draws')
    const [expert] = await db
      .connection('owner')
      .table('experts')
      .insert({
        name: 'probe',
        id_number: `${Date.now()}${Math.floor(Math.random() * 1e4)}`.padStart(18, '1').slice(-18),
        mobile: '13800000000',
        employer_uscc: '91500000PROBE00000',
        title: 'probe',
        title_level: 'junior',
        years_in_field: 1,
        specialty_codes: ['A010101'],
      })
      .returning('id')
    const [row] = await db
      .table('expert_draw_seats')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        draw_id: draw.id,
        expert_id: expert.id,
        line: 0,
        via_code: 'A010101',
        kind: 'drawn',
        status: 'invited',
      })
      .returning('*')
    return row
  },
  // expert-pool: an evaluation's method and rule are from closed lists; a member names an account
  expert_evaluations: async () => {
    const scope = currentScopeOrFail()
    const trade = await createTenantRow('trades')
    const [row] = await db
      .table('expert_evaluations')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: trade.id,
        category: 'construction',
        method: 'lowest_evaluated_price',
        composition_rule: 'construction',
        candidate_count: 3,
        opened_at: new Date(),
      })
      .returning('*')
    return row
  },
  expert_committee_members: async () => {
    const scope = currentScopeOrFail()
    const evaluation = await createTenantRow('expert_evaluations')
    const { accountId } = await probeEntity()
    const [row] = await db
      .table('expert_committee_members')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        evaluation_id: evaluation.id,
        kind: 'tenderer_representative',
        account_id: accountId,
      })
      .returning('*')
    return row
  },
}

/** An account and a market entity (global tables), made as the owner for rows that reference them */
async function probeEntity() {
  const [account] = await db
    .connection('owner')
    .table('accounts')
    .insert({ email: `${randomUUID()}@probe.ggzy.cn`, display_name: 'probe', password: 'x' })
    .returning('id')
  const [entity] = await db
    .connection('owner')
    .table('market_entities')
    .insert({
      code_type: 'uscc',
      code: randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase(),
      name: 'probe',
      entity_type: 'legal_person',
      registered_by: account.id,
    })
    .returning('id')
  return { accountId: account.id as number, entityId: entity.id as number }
}

interface ColumnInfo {
  name: string
  type: string
  not_null: boolean
  has_default: boolean
  identity: boolean
  generated: boolean
  enum_label: string | null
  max_length: number | null
}

export async function columnsOf(table: string): Promise<ColumnInfo[]> {
  const { rows } = await db.rawQuery(
    `select a.attname as name, format_type(a.atttypid, null) as type, a.attnotnull as not_null,
       a.atthasdef as has_default, a.attidentity <> '' as identity, a.attgenerated <> '' as generated,
       (select e.enumlabel from pg_enum e where e.enumtypid = a.atttypid order by e.enumsortorder limit 1)
         as enum_label,
       case when a.atttypmod > 4 and a.atttypid in ('bpchar'::regtype, 'varchar'::regtype)
         then a.atttypmod - 4 end as max_length
     from pg_attribute a
     where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped
     order by a.attnum`,
    [`public.${table}`]
  )
  return rows
}

export async function primaryKeyOf(table: string): Promise<string[]> {
  const { rows } = await db.rawQuery(
    `select a.attname as name
     from pg_index x join pg_attribute a on a.attrelid = x.indrelid and a.attnum = any(x.indkey)
     where x.indrelid = ?::regclass and x.indisprimary`,
    [`public.${table}`]
  )
  if (!rows.length) throw new Error(`Tenant table "${table}" has no primary key`)
  return rows.map((row: { name: string }) => row.name)
}

/** Foreign keys to other tenant tables, as local → referenced column pairs */
async function tenantParentsOf(table: string) {
  const { rows } = await db.rawQuery(
    `select f.relname as parent,
       array(select a.attname from unnest(con.conkey) with ordinality k(n, i)
             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
       array(select a.attname from unnest(con.confkey) with ordinality k(n, i)
             join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i)::text[] as ref_columns
     from pg_constraint con join pg_class f on f.oid = con.confrelid
     where con.contype = 'f' and con.conrelid = ?::regclass
       and exists (select 1 from pg_attribute a
         where a.attrelid = con.confrelid and a.attname = 'tenant_id' and not a.attisdropped)`,
    [`public.${table}`]
  )
  return rows as Array<{ parent: string; columns: string[]; ref_columns: string[] }>
}

function valueFor(column: ColumnInfo): unknown {
  if (column.enum_label !== null) return column.enum_label
  const text = `probe${Math.random().toString(36).slice(2, 10)}`
  switch (column.type) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'numeric':
    case 'real':
    case 'double precision':
      return 1
    case 'text':
    case 'character varying':
    case 'character':
      return column.max_length
        ? text.slice(0, column.max_length).padEnd(column.max_length, '0')
        : text
    case 'boolean':
      return true
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return new Date()
    case 'date':
      return '2026-01-05'
    case 'jsonb':
    case 'json':
      return '{}'
    case 'uuid':
      return randomUUID()
    case 'inet':
      return '127.0.0.1'
    case 'bytea':
      return Buffer.from('probe')
  }
  if (column.type.endsWith('[]')) return '{}'
  throw new Error(`no generic value for type ${column.type}`)
}

async function genericRow(table: string): Promise<Row> {
  const scope = currentScopeOrFail()
  const values: Row = {}
  for (const parent of await tenantParentsOf(table)) {
    const parentRow = await createTenantRow(parent.parent)
    parent.columns.forEach((column, i) => (values[column] = parentRow[parent.ref_columns[i]]))
  }
  values.root_tenant_id = scope.rootTenantId
  values.tenant_id = scope.tenantId
  for (const column of await columnsOf(table)) {
    if (column.name in values || !column.not_null || column.has_default) continue
    if (column.identity || column.generated) continue
    values[column.name] = valueFor(column)
  }
  const [row] = await db.table(table).insert(values).returning('*')
  return row
}

/**
 * One row of `table` owned by the current context's tenant, with its parents
 * in other tenant tables. Run it inside withTenant: the row is written
 * through the app role under RLS, like any other tenant write.
 */
export async function createTenantRow(table: string): Promise<Row> {
  const factory = FACTORIES[table]
  if (factory) return factory()
  try {
    return await genericRow(table)
  } catch (error: any) {
    throw new Error(
      `The generic row factory cannot create a row of "${table}" (${error.message}). ` +
        `Add a factory for it to FACTORIES in tests/helpers/tenant_rows.ts.`
    )
  }
}
