/**
 * The evaluation URL of a service event from the configured template
 * (links.evaluationUrlTemplate): {caseNo} gets the case number (or the EV-
 * key of an event without one) and {terminalId}, when the template has it,
 * the terminal's id, both percent-encoded so the QR holds ASCII only.
 * A case number starts with the terminal id, so a template without
 * {terminalId} still tells the platform where the service was given.
 */
export function evaluationUrl(template: string, caseNo: string, terminalId: string): string {
  return template.replaceAll('{caseNo}', encodeURIComponent(caseNo)).replaceAll('{terminalId}', encodeURIComponent(terminalId));
}
