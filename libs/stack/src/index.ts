// Public surface of the local stack (`borderlink up`): NATS, Redis, the hub and agency nodes as
// processes on one machine, on the registry's keys and generated server permissions, and the demo
// stream of alerts and notices published through the nodes.
export { runStack, type RunStackOptions } from './run-stack.js';
export {
  launchStack,
  PREFERRED_HUB_PORT,
  PREFERRED_FIRST_NODE_PORT,
  PREFERRED_IDENTITY_PROVIDER_PORT,
  PREFERRED_CONSOLE_PORT,
  type StackOptions,
  type StackExit,
  type RunningStack,
} from './stack-launcher.js';
export {
  startDemoIdentityProvider,
  demoPeople,
  demoOperators,
  nodeAudience,
  CONSOLE_AUDIENCE,
  DEMO_PASSWORD_GRANT,
  DEMO_CLIENT_ID,
  DEVICE_CODE_GRANT,
  DEMO_REDIRECT_URI,
  type DemoPerson,
  type DemoOperator,
  type DemoIdentityProvider,
  type DemoIdentityProviderOptions,
} from './demo-identity-provider.js';
export { AppProcess, answersOk, type AppProcessSpec, type AppExit } from './app-process.js';
export {
  hubProcessSpec,
  nodeProcessSpec,
  consoleProcessSpec,
  pickPorts,
  type StackAppsConfig,
} from './stack-apps.js';
export { enrolStackKeys, type StackKeys } from './stack-keys.js';
export { stackPaths, type StackPaths } from './stack-paths.js';
export { REDIS_ADMIN_USER, stackRedisUsers, type StackRedisUsers } from './stack-redis-users.js';
export { DEFAULT_STACK_NODES, hubId } from './node-selection.js';
export type { StackServers, StackServer, GivenServers } from './stack-servers.js';
export type { StackSite, SiteLink } from './stack-sites.js';
export type {
  StackSummary,
  StackNode,
  StackLogin,
  StackConsole,
  StackOperatorLogin,
  StackIdentityProvider,
} from './stack-summary.js';
export { ensureDemoApiKey, DEMO_API_KEY_NAME } from './stack-access.js';
export type { StackIo } from './stack-io.js';
export { StackConfigError, StackStartError, UnexpectedExitError } from './stack.errors.js';
