// One direction of dependencies (see the README's layout table):
//   contract/domain ← contract/catalog ← contract/api          (leaves: zod and nothing else)
//   ← device-daemon parts (config, log, devices, store, platform, catalog, calendar, documents)
//   ← device-daemon/capabilities ← device-daemon/app.ts ← entry points (main.ts, cli/)
//   state-machines/ and kiosk-ui/ import the contract only, never the daemon.
// `npm test` runs `npm run check`, which runs this; a forbidden import fails with the rule's name.

const DAEMON_PARTS = '^device-daemon/(config|devices|store|platform|catalog|calendar|documents|fleet)/';
const DAEMON_FOUNDATION = '^device-daemon/(config/|durable-file/|log\\.ts$|log-file/|version\\.ts$|bus\\.ts$|clock\\.ts$|lazy-require\\.ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle has no direction: split the shared part out into a lower module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-is-a-leaf',
      severity: 'error',
      comment: 'contract/ is shared by the daemon, the machines and the UI: it imports only zod and itself.',
      from: { path: '^contract/' },
      to: { pathNot: ['^contract/', '^node_modules/zod/'] },
    },
    {
      name: 'contract-domain-below-messages',
      severity: 'error',
      comment: 'Domain helpers (time, calendar, case numbers, masking) do not know the message or catalog schemas.',
      from: { path: '^contract/domain/' },
      to: { path: '^contract/(api|catalog)/' },
    },
    {
      name: 'contract-catalog-below-api',
      severity: 'error',
      comment: 'API messages carry catalog items, never the other way round.',
      from: { path: '^contract/catalog/' },
      to: { path: '^contract/api/' },
    },
    {
      name: 'ui-and-machines-use-the-contract-not-the-daemon',
      severity: 'error',
      comment: 'The page and the machines talk to the daemon through the contract only.',
      from: { path: '^(kiosk-ui|state-machines)/' },
      to: { path: '^device-daemon/' },
    },
    {
      name: 'machines-are-pure',
      severity: 'error',
      comment: 'state-machines/ holds pure XState machines: no I/O, no UI, no Node built-ins.',
      from: { path: '^state-machines/' },
      to: {
        pathNot: ['^state-machines/', '^contract/', '^node_modules/(xstate|zod)/'],
      },
    },
    {
      name: 'daemon-never-imports-the-ui',
      severity: 'error',
      from: { path: '^(device-daemon|contract|state-machines)/' },
      to: { path: '^kiosk-ui/' },
    },
    {
      name: 'foundation-stays-low',
      severity: 'error',
      comment: 'config, durable-file, log, version, bus, clock and lazy-require are used by everything and use none of the parts above them.',
      from: { path: DAEMON_FOUNDATION },
      to: { path: '^device-daemon/', pathNot: DAEMON_FOUNDATION },
    },
    {
      name: 'parts-below-capabilities',
      severity: 'error',
      comment: 'Devices, store, platform, catalog, calendar and documents are used by capabilities; they never reach up to the API, a capability or the composition root.',
      from: { path: DAEMON_PARTS },
      to: { path: '^device-daemon/(api/|capabilities/|capability\\.ts$|capabilities\\.ts$|services\\.ts$|app\\.ts$|main\\.ts$|cli/)' },
    },
    {
      name: 'store-below-documents',
      severity: 'error',
      comment: 'Documents are composed from what the store holds; the store knows nothing of documents.',
      from: { path: '^device-daemon/store/' },
      to: { path: '^device-daemon/(documents|catalog|devices)/' },
    },
    {
      name: 'generic-device-code-knows-no-simulator',
      severity: 'error',
      comment: 'The registry and the device lifecycle work on the Device interface; a simulator is chosen by its class factory.',
      from: { path: '^device-daemon/devices/[^/]+\\.ts$' },
      to: { path: '(simulat|emulat)' },
    },
    {
      name: 'capabilities-below-the-root',
      severity: 'error',
      comment: 'Capabilities get their collaborators from the composition root; they never import it or an entry point.',
      from: { path: '^device-daemon/(capabilities/|api/)' },
      to: { path: '^device-daemon/(app\\.ts$|services\\.ts$|main\\.ts$|cli/)' },
    },
    {
      name: 'nothing-imports-an-entry-point',
      severity: 'error',
      from: { pathNot: '^(tests|bench|scripts)/' },
      to: { path: '^device-daemon/main\\.ts$|^kiosk-ui/src/main\\.tsx$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|kiosk-ui/dist|dist|coverage|var)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
