// Commands and events of the printer capability. Filled in by the issue that builds it.
export const printerCommands = {};
export const printerEvents = {};
