// Commands and events of the card capability. Filled in by the issue that builds it.
export const cardCommands = {};
export const cardEvents = {};
