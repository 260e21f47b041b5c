import { DateTime } from 'luxon'
import vine from '@vinejs/vine'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import type Tenant from '#tenancy/models/tenant'
import type { PluginManifest } from '#plugin_host/define_plugin'
import { pluginRegistry } from '#plugin_host/plugin_host'
import TenantPlugin from '#plugin_host/models/tenant_plugin'
import PluginPolicy from '#plugin_host/models/plugin_policy'
import { enabledPluginIds } from '#plugin_host/queries/enabled_plugins'

/**
 * Enabling and disabling plugins for a tenant (ARCHITECTURE.md §5). Runs in
 * the tenant's transaction: the row, the plugin's onEnable/onDisable hook and
 * the audit event commit together or not at all.
 */
function manifestOrFail(pluginId: string): PluginManifest {
  const manifest = pluginRegistry().find(pluginId)
  if (!manifest)
    throw new RuleViolation('plugin', 'plugins.errors.unknown', { plugin: pluginId }, 404)
  return manifest
}

function pluginName(manifest: PluginManifest, locale: string) {
  return locale === 'en' ? manifest.name.en : manifest.name['zh-CN']
}

export class EnablePlugin {
  constructor(
    private readonly actor: AuditActor,
    private readonly locale: string
  ) {}

  async handle(tenant: Tenant, pluginId: string, rawSettings: unknown) {
    const manifest = manifestOrFail(pluginId)
    const name = pluginName(manifest, this.locale)
    if (!manifest.levels.includes(tenant.level)) {
      throw new RuleViolation('plugin', `plugins.errors.level_${tenant.level}`, { plugin: name })
    }
    if (tenant.level === 'district') {
      const policy = await PluginPolicy.find(pluginId)
      if (!policy?.districtsAllowed) {
        throw new RuleViolation('plugin', 'plugins.errors.not_allowed_for_districts', {
          plugin: name,
        })
      }
    }
    const enabled = await enabledPluginIds(tenant.id)
    const missing = Object.keys(manifest.requires ?? {}).filter((id) => !enabled.has(id))
    if (missing.length) {
      throw new RuleViolation('plugin', 'plugins.errors.requirements_missing', {
        plugin: name,
        missing: missing.map((id) => pluginName(manifestOrFail(id), this.locale)).join('、'),
      })
    }
    const settings = await this.validSettings(manifest, rawSettings)

    const existing = await TenantPlugin.query()
      .where('tenant_id', tenant.id)
      .where('plugin_id', pluginId)
      .first()
    if (existing?.enabled) {
      throw new RuleViolation('plugin', 'plugins.errors.already_enabled', { plugin: name }, 409)
    }
    const row = existing ?? new TenantPlugin()
    row.merge({
      rootTenantId: tenant.rootId,
      tenantId: tenant.id,
      pluginId,
      enabled: true,
      settings,
      changedBy: this.actor.accountId,
      enabledAt: DateTime.now(),
      disabledAt: null,
    })
    await row.save()
    await manifest.onEnable?.({ tenantId: tenant.id, settings })
    await recordAudit(this.actor, {
      action: 'plugin.enable',
      subjectType: 'plugin',
      subjectId: pluginId,
      payload: { tenant: tenant.code, version: manifest.version, settings },
    })
    return row
  }

  /** Defaults first, then the plugin's VineJS schema decides */
  private async validSettings(manifest: PluginManifest, raw: unknown) {
    if (!manifest.settings) return {}
    const input = { ...manifest.settings.defaults, ...((raw as Record<string, unknown>) ?? {}) }
    return (await vine.validate({ schema: manifest.settings.schema, data: input })) as Record<
      string,
      unknown
    >
  }
}

export class DisablePlugin {
  constructor(
    private readonly actor: AuditActor,
    private readonly locale: string
  ) {}

  async handle(tenant: Tenant, pluginId: string) {
    const manifest = manifestOrFail(pluginId)
    const name = pluginName(manifest, this.locale)
    const row = await TenantPlugin.query()
      .where('tenant_id', tenant.id)
      .where('plugin_id', pluginId)
      .where('enabled', true)
      .first()
    if (!row) throw new RuleViolation('plugin', 'plugins.errors.not_enabled', { plugin: name }, 409)
    const enabled = await enabledPluginIds(tenant.id)
    const dependents = pluginRegistry()
      .dependentsOf(pluginId)
      .filter((dependent) => enabled.has(dependent.id))
    if (dependents.length) {
      throw new RuleViolation('plugin', 'plugins.errors.required_by', {
        plugin: name,
        dependents: dependents.map((d) => pluginName(d, this.locale)).join('、'),
      })
    }
    row.merge({ enabled: false, disabledAt: DateTime.now(), changedBy: this.actor.accountId })
    await row.save()
    await manifest.onDisable?.({ tenantId: tenant.id, settings: row.settings })
    await recordAudit(this.actor, {
      action: 'plugin.disable',
      subjectType: 'plugin',
      subjectId: pluginId,
      payload: { tenant: tenant.code },
    })
    return row
  }
}

/** The city admin decides, per plugin, whether districts may enable it. */
export class SetDistrictPolicy {
  constructor(private readonly actor: AuditActor) {}

  async handle(pluginId: string, districtsAllowed: boolean) {
    manifestOrFail(pluginId)
    const before = await PluginPolicy.find(pluginId)
    await PluginPolicy.updateOrCreate(
      { pluginId },
      { districtsAllowed, updatedBy: this.actor.accountId }
    )
    await recordAudit(this.actor, {
      action: 'plugin.policy',
      subjectType: 'plugin',
      subjectId: pluginId,
      payload: { before: before?.districtsAllowed ?? false, after: districtsAllowed },
    })
  }
}
