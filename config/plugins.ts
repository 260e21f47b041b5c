import { definePluginsConfig } from '#plugin_host/plugins_config'

/**
 * Installed plugins, as folders relative to the project root. Each folder
 * holds `manifest.ts` and is named by the plugin id. `node ace make:plugin
 * <id>` adds its folder here. Trade categories, the expert pool and the credit
 * module arrive as plugins in their own issues.
 */
export default definePluginsConfig({
  installed: ['plugins/expert-pool', 'plugins/construction-bidding', 'plugins/credit'],

  /* Fixture plugins that prove the host; loaded only when NODE_ENV=test */
  testFixtures: [
    'tests/fixtures/plugins/notes',
    'tests/fixtures/plugins/notes-digest',
    'tests/fixtures/plugins/city-ledger',
  ],
})
