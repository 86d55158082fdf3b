/**
 * A connection string as it may be shown or recorded: the password of `scheme://user:pass@host`
 * and a `password=` query parameter replaced by `***`, wherever it
 * appears in the text (an error message may quote the URL). A store or queue URL is printed in
 * errors and recorded in manifests; the password must appear in neither.
 */
export function redactUrlPassword(value: string): string {
  return value
    // Greedy up to the last '@' of the authority: a password with a raw '@' or '/' is hidden too.
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:@/?#\s]*):[^?#\s]*@/gi, '$1:***@')
    .replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}
