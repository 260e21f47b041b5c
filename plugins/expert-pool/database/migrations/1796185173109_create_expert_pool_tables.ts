import { BaseSchema } from '@adonisjs/lucid/schema'
import { globalTableGrants } from '#tenancy/rls_ddl'

/**
 * The city-wide expert pool (domain.md §5). Both tables are global
 * (ARCHITECTURE.md §2): the pool is one for the whole city by law and every
 * district's draws read it, so they carry no tenant columns and no RLS; the
 * plugin writes them only through actions that check the `Expert` ability.
 * Nothing is ever deleted: a record leaves the pool by status, so the draw
 * snapshots that name it stay verifiable.
 */

/**
 * The top of the 2018 classification (发改法规〔2018〕316号) and the examples
 * domain.md §5 quotes; maintainers import the rest from CSV.
 */
const SEED: Array<[string, string, string]> = [
  ['A', '工程', 'Works'],
  ['B', '货物', 'Goods'],
  ['C', '服务', 'Services'],
  ['A01', '规划', 'Planning'],
  ['A0101', '国民经济和社会发展规划', 'Economic and social development planning'],
  ['A010101', '总体规划', 'Master planning'],
  ['A03', '勘察', 'Survey'],
  ['A0301', '岩土工程', 'Geotechnical engineering'],
  ['A04', '设计', 'Design'],
  ['A0401', '建筑工程', 'Building works'],
]

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE expert_specialties (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]([0-9]{2}){0,3}$'),
        parent_code text REFERENCES expert_specialties (code),
        level smallint GENERATED ALWAYS AS ((length(code) + 1) / 2) STORED,
        name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        CHECK ((length(code) = 1) = (parent_code IS NULL)),
        CHECK (parent_code IS NULL OR parent_code = left(code, length(code) - 2))
      )`)
    this.schema.raw(
      `CREATE INDEX expert_specialties_parent_idx ON expert_specialties (parent_code)`
    )
    this.defer(async (client) => {
      await client.table('expert_specialties').insert(
        SEED.map(([code, zh, en]) => ({
          code,
          parent_code: code.length === 1 ? null : code.slice(0, -2),
          name_zh: zh,
          name_en: en,
        }))
      )
    })

    this.schema.raw(`
      CREATE TABLE experts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        id_number text NOT NULL UNIQUE CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        mobile text NOT NULL CHECK (mobile ~ '^1[0-9]{10}$'),
        employer_uscc text NOT NULL CHECK (employer_uscc ~ '^[0-9A-Z]{18}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 50),
        title_level text NOT NULL
          CHECK (title_level IN ('full_senior', 'deputy_senior', 'intermediate', 'junior')),
        years_in_field smallint NOT NULL CHECK (years_in_field BETWEEN 0 AND 70),
        specialty_codes text[] NOT NULL CHECK (cardinality(specialty_codes) BETWEEN 1 AND 20),
        region_codes text[] NOT NULL DEFAULT '{}',
        busy_dates date[] NOT NULL DEFAULT '{}',
        relative_employer_usccs text[] NOT NULL DEFAULT '{}',
        shareholding_usccs text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active'
          CHECK (status IN ('active', 'suspended', 'blacklisted', 'retired')),
        status_until date,
        status_reason text CHECK (length(status_reason) <= 500),
        CHECK (status <> 'suspended' OR status_until IS NOT NULL),
        CHECK (status <> 'blacklisted' OR status_reason IS NOT NULL),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    // Draws select by specialty and by status
    this.schema.raw(`CREATE INDEX experts_specialties_idx ON experts USING gin (specialty_codes)`)
    this.schema.raw(`CREATE INDEX experts_status_idx ON experts (status, id)`)

    for (const sql of globalTableGrants('expert_specialties', ['SELECT', 'INSERT', 'UPDATE'])) {
      this.schema.raw(sql)
    }
    for (const sql of globalTableGrants('experts', ['SELECT', 'INSERT', 'UPDATE'])) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS experts, expert_specialties')
  }
}
