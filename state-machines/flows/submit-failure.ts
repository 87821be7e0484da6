/**
 * What a failed submission.submit tells the journey. After a failure whose
 * outcome is unknown (timeout, daemon gone, store unavailable) the first send
 * may have been stored: the only way on is a resend of the same content with
 * the same key, which the daemon answers with that case. Only when the daemon
 * refused the content (`invalidArgs`: nothing stored under the key) may the
 * resident change the answers, so one submission is always one case.
 */
export const contentRefused = (code: string | undefined): boolean => code === 'invalidArgs';
