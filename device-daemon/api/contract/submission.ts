// Commands and events of the submission capability. Filled in by the issue that builds it.
export const submissionCommands = {};
export const submissionEvents = {};
