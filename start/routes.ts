/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
| Each module declares its routes in app/<module>/routes.ts; this file only
| loads them, so modules never edit one another's routes.
*/
import '#core/routes'
import '#tenancy/routes'
import '#plugin_host/routes'
import '#identity/routes'
import '#access/routes'
import '#audit/routes'
import '#trading/projects/routes'
import '#disclosure/routes'
import '#trading/sealed_bids/routes'
import '#trading/documents/routes'
import '#trading/calendar/routes'
import '#supervision/routes'
