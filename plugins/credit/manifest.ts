import { definePlugin } from '#plugin_host/define_plugin'
import { creditAbilities } from './app/support/abilities.js'

export default definePlugin({
  id: 'credit',
  version: '0.1.0',
  kind: 'service',
  name: { 'zh-CN': '信用管理', 'en': 'Credit' },
  description: {
    'zh-CN': '全市统一的信用记录、负面清单、市场禁入关口与行政处罚公示',
    'en': 'City-wide credit records, the negative list, the market-ban gate and public penalty decisions',
  },
  // A ban holds city-wide by law; districts keep their own negative-list rules for their region
  levels: ['city', 'district'],
  requires: {},
  globalTables: ['credit_records', 'credit_rules'],
  provides: { 'credit-gate': () => import('./app/capabilities/credit_gate.js') },
  routes: () => import('./routes.js'),
  abilities: creditAbilities,
  jobs: [
    {
      queue: 'timers',
      name: 'record-expiry',
      handler: () => import('./app/jobs/expire_record.js'),
    },
  ],
  menu: [
    {
      label: 'credit.menu',
      path: '/credit',
      ability: { action: 'read', subject: 'CreditRecord' },
    },
  ],
})
