// Commands and events of the catalog capability. Filled in by the issue that builds it.
export const catalogCommands = {};
export const catalogEvents = {};
