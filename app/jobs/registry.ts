/*
|--------------------------------------------------------------------------
| Job registry
|--------------------------------------------------------------------------
| Imports every module's job file so its handlers register with the worker.
*/
