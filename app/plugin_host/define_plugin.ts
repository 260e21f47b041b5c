import type { VineObject } from '@vinejs/vine'
import type { Router } from '@adonisjs/core/http'
import type { AbilityContributor, AccessFactLoader } from '#access/ability'
import type { TenantLevel } from '#tenancy/models/tenant'
import type { CapabilityName, CapabilityProviders } from '#plugin_host/capabilities'
import type { ProcedureDefinition } from '#trading/engine/define_procedure'
import type { AlertRuleDefinition } from '#supervision/rules/define_rule'

/**
 * The plugin manifest (ARCHITECTURE.md §5). A plugin is `plugins/<id>/`
 * with this manifest in `manifest.ts`; `config/plugins.ts` lists the
 * installed ones and the registry validates them all at boot.
 */
export const PLUGIN_KINDS = ['trade-category', 'service'] as const
export type PluginKind = (typeof PLUGIN_KINDS)[number]

export const PLUGIN_LEVELS: readonly TenantLevel[] = ['city', 'district']

export interface LocalizedText {
  'zh-CN': string
  'en': string
}

export interface PluginMenuEntry {
  /** i18n key of the label, from the plugin's ui lang file */
  label: string
  /** Path under /t/:code, e.g. '/construction' */
  path: string
  /** CASL action and subject the person needs to see the entry */
  ability?: { action: string; subject: string }
}

/**
 * A job the worker runs, named '<plugin-id>.<name>'. On the `timers` queue
 * the handler gets the timer's payload inside its tenant transaction (see
 * scheduleTimer); on the other queues it gets the BullMQ job.
 */
export interface PluginJob {
  queue: 'timers' | 'disclosure' | 'alerts' | 'notifications' | 'exchange'
  name: string
  /** Loads the handler lazily, so the web process never imports job code */
  handler: () => Promise<{ default: (input: any) => Promise<unknown> }>
}

export interface PluginTenantHookContext {
  tenantId: number
  settings: Record<string, unknown>
}

export interface PluginDemoSeed {
  phase: number
  run: () => Promise<{ default: () => Promise<void> }>
}

export interface PluginManifest {
  /** kebab-case, unique, stable: it names tables, routes and pages */
  id: string
  /** semver */
  version: string
  kind: PluginKind
  name: LocalizedText
  description: LocalizedText
  /** Where it may be enabled; mining rights: ['city'] */
  levels: TenantLevel[]
  /** Other plugins it needs, id → semver range */
  requires?: Record<string, string>
  /**
   * Capabilities (extension points, `#plugin_host/capabilities`) it
   * provides, each as a lazy module implementing the contract, and those it
   * consumes: the registry refuses a consumer whose provider is not installed.
   */
  provides?: CapabilityProviders
  consumes?: CapabilityName[]
  /** Migration folder, relative to the plugin folder (default database/migrations) */
  migrations?: string
  /**
   * Tables its migrations create that are global (ARCHITECTURE.md §2): shared
   * city-wide by law, without tenant columns or RLS, written only through
   * actions that check abilities. The schema lint treats them as declared.
   */
  globalTables?: string[]
  /**
   * Registers the plugin's routes. The host mounts them under /t/:code and
   * answers 404 wherever the plugin is not enabled.
   */
  routes?: () => Promise<{ default: (router: Router) => void }>
  /**
   * Page folder, relative to the plugin folder (default resources/pages);
   * a page `index.svelte` there renders as '<id>/index'.
   */
  pages?: string
  /**
   * Lang folder, relative to the plugin folder (default resources/lang): its
   * `<locale>/ui_<id>.json` strings reach pages as t('<id>.…').
   */
  lang?: string
  abilities?: AbilityContributor
  /** Facts about the account its abilities need, loaded once per request */
  accessFacts?: AccessFactLoader
  /** Per-tenant settings, validated when a centre admin enables the plugin */
  settings?: { schema: VineObject<any, any, any, any>; defaults: Record<string, unknown> }
  /** Trade categories: their state machines (§6), registered at boot */
  procedures?: () => Promise<{ default: ProcedureDefinition[] }>
  jobs?: PluginJob[]
  /** Alert rules (ARCHITECTURE.md §7) it declares, loaded by the supervision rule registry */
  alertRules?: () => Promise<{ default: AlertRuleDefinition[] }>
  disclosureKinds?: string[]
  menu?: PluginMenuEntry[]
  /**
   * Demo data `platform:seed` adds after the demo accounts (idempotent: keeps
   * what exists). Seeds of all plugins run by ascending phase, so one plugin's
   * demo can build on another's records without importing its code.
   */
  demoSeeds?: PluginDemoSeed[]
  /** Run in the same transaction as the enablement change */
  onEnable?: (context: PluginTenantHookContext) => Promise<void>
  onDisable?: (context: PluginTenantHookContext) => Promise<void>
}

/** Identity function that types a manifest */
export function definePlugin<const M extends PluginManifest>(manifest: M): M {
  return manifest
}
